package io.cachedjobs.api;

/** Path patterns shared by the controllers. */
public final class Paths {

    /** A UUID in its canonical 8-4-4-4-12 form ({@link java.util.UUID#fromString} alone accepts more). */
    public static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * {@code /{id}} where the id is a UUID. A segment that is not a UUID names no resource, so it
     * falls through to 404, and a static sibling such as {@code /trigger} answers 405 to a wrong
     * method instead of being read as an id.
     */
    public static final String ID = "/{id:" + UUID + "}";

    /**
     * {@code /{id}} where the id is a number (tags). At most 18 digits, so that every id that
     * matches fits a {@code long}; a longer one names no resource and falls through to 404.
     */
    public static final String NUMERIC_ID = "/{id:[0-9]{1,18}}";

    private Paths() {}
}

package io.cachedjobs.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret of an API key: {@code cj_live_} and 43 URL-safe characters (32 bytes from a secure
 * random source). Only its SHA-256 is stored: with 256 bits of entropy a guess is hopeless, so a
 * deliberately slow hash would only slow every call down. The prefix ({@code cj_live_} and the
 * first 8 random characters) is kept in clear so that owners can tell their keys apart.
 */
record ApiKeySecret(String value) {

    static final String LIVE = "cj_live_";
    private static final int RANDOM_BYTES = 32;
    private static final int PREFIX_LENGTH = LIVE.length() + 8;

    /** What a key looks like; anything else is refused without a database lookup. */
    private static final Pattern FORMAT = Pattern.compile(LIVE + "[A-Za-z0-9_-]{32,200}");

    private static final SecureRandom RANDOM = new SecureRandom();

    static ApiKeySecret generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return new ApiKeySecret(LIVE + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    static boolean looksLikeOne(String value) {
        return FORMAT.matcher(value).matches();
    }

    String prefix() {
        return value.substring(0, PREFIX_LENGTH);
    }

    byte[] hash() {
        return sha256(value);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return prefix() + "…";
    }
}

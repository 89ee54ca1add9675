package io.cachedjobs.query;

import java.util.UUID;

/** What another feature may know of a query: enough to ask it. */
public record QuerySnapshot(UUID id, String query, String language, String country) {}

package io.cachedjobs.entity;

import java.util.List;

/** An entity's fields as stored: cleaned, checked, aliases and domains without duplicates. */
record EntityFields(
        String name,
        List<String> aliases,
        List<String> domains,
        EntityType type,
        boolean owned,
        boolean primary,
        boolean competitor,
        boolean caseSensitive,
        boolean accentSensitive) {

    /** The name, then the aliases: every spelling that is a mention. */
    List<String> names() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(name), aliases.stream())
                .toList();
    }
}

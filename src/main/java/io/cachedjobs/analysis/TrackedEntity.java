package io.cachedjobs.analysis;

import java.util.List;
import java.util.UUID;

/**
 * An entity as the extraction looks for it.
 *
 * @param names its name, then its aliases: any of them is a mention
 * @param domains registrable domains (see {@code common/WebDomains}); a source on one of them, or on a
 *     subdomain, is the entity's
 * @param caseSensitive whether {@code Apple} and {@code apple} differ for it
 * @param accentSensitive whether {@code Citroën} and {@code Citroen} differ for it
 */
record TrackedEntity(
        UUID id, List<String> names, List<String> domains, boolean caseSensitive, boolean accentSensitive) {}

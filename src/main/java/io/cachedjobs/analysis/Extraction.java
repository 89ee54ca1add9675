package io.cachedjobs.analysis;

import io.cachedjobs.common.WebDomains;
import io.cachedjobs.engine.SourceUrls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one answer says of a project's entities, and its sources normalised: a pure function of the
 * answer's text, its sources and the entities, so that deriving it again gives the same rows.
 */
final class Extraction {

    /**
     * The algorithm's version: raised whenever a change to the cleaning or matching rules may change
     * a derived row, so that every stored answer is derived again in the background.
     */
    static final int ALGORITHM_VERSION = 1;

    /** A source of the answer as stored with its execution. */
    record AnswerSource(String url, @Nullable String title, boolean cited) {}

    /**
     * One entity in one answer.
     *
     * @param firstOffset code points of the cleaned text before its first mention; null when absent
     * @param rank its place among the present entities by first mention, from 1; null when absent
     * @param cited a source the answer cites is on one of its domains
     * @param inSources a source of the answer, cited or only consulted, is on one of its domains
     */
    record EntityRow(
            UUID entityId,
            boolean present,
            int mentionCount,
            @Nullable Integer firstOffset,
            @Nullable Integer rank,
            boolean cited,
            boolean inSources) {}

    /**
     * One source of one answer.
     *
     * @param position its place among the answer's sources, from 0 (cited ones first, as stored)
     * @param url without tracking parameters or fragment
     * @param host lower case, without {@code www.}
     * @param domain the host's registrable domain
     * @param entityIds the entities whose domains it is on (their pages)
     */
    record SourceRow(
            int position,
            String url,
            String host,
            String domain,
            @Nullable String title,
            boolean cited,
            List<UUID> entityIds) {}

    record Result(List<EntityRow> entities, List<SourceRow> sources) {}

    private Extraction() {}

    static Result of(@Nullable String answer, List<AnswerSource> sources, List<TrackedEntity> entities) {
        String text = AnswerText.clean(answer);
        Map<UUID, MentionFinder.Found> found = MentionFinder.find(text, entities);
        List<UUID> byFirstMention = found.entrySet().stream()
                .sorted(Comparator.comparingInt(entry -> entry.getValue().firstChar()))
                .map(Map.Entry::getKey)
                .toList();
        List<SourceRow> sourceRows = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            AnswerSource source = sources.get(i);
            String url = SourceUrls.clean(source.url());
            String host = SourceUrls.host(url);
            List<UUID> owners = new ArrayList<>();
            for (TrackedEntity entity : entities) {
                if (!host.isEmpty() && entity.domains().stream().anyMatch(domain -> WebDomains.isOn(host, domain))) {
                    owners.add(entity.id());
                }
            }
            sourceRows.add(new SourceRow(
                    i, url, host, WebDomains.registrable(host), source.title(), source.cited(), List.copyOf(owners)));
        }
        List<EntityRow> entityRows = new ArrayList<>(entities.size());
        for (TrackedEntity entity : entities) {
            MentionFinder.Found mentions = found.get(entity.id());
            boolean cited =
                    sourceRows.stream().anyMatch(s -> s.cited() && s.entityIds().contains(entity.id()));
            boolean inSources = sourceRows.stream().anyMatch(s -> s.entityIds().contains(entity.id()));
            entityRows.add(
                    mentions == null
                            ? new EntityRow(entity.id(), false, 0, null, null, cited, inSources)
                            : new EntityRow(
                                    entity.id(),
                                    true,
                                    mentions.count(),
                                    text.codePointCount(0, mentions.firstChar()),
                                    byFirstMention.indexOf(entity.id()) + 1,
                                    cited,
                                    inSources));
        }
        return new Result(entityRows, sourceRows);
    }
}

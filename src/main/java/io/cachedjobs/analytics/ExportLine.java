package io.cachedjobs.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One answer of an export, one line of NDJSON: the answer with what the analysis derived from it,
 * and the cursor to resume after it.
 *
 * @param cursor give it back as {@code cursor} to go on after this answer
 * @param entitiesVersion the project's entity version its rows were derived with (-1: not yet)
 * @param algorithmVersion the extraction's version that derived them
 */
public record ExportLine(
        String cursor,
        UUID executionId,
        UUID cachedJobId,
        UUID queryId,
        String query,
        String language,
        String country,
        String model,
        Instant answeredAt,
        @Nullable String text,
        @Nullable String noAnswerReason,
        List<Figures.AnswerSource> sources,
        List<Figures.AnswerEntity> entities,
        long entitiesVersion,
        int algorithmVersion) {}

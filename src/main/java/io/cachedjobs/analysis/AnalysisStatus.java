package io.cachedjobs.analysis;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(
        name = "AnalysisStatus",
        description = "How far the project's answers are derived with its entities as they are now")
public record AnalysisStatus(
        @Schema(description = "The version of the project's entities, raised by every change to them", example = "4")
        long entitiesVersion,

        @Schema(description = "The extraction algorithm's version", example = "1")
        int algorithmVersion,

        @Schema(description = "The project's analysed answers (its successful executions)", example = "1200")
        long answers,

        @Schema(
                description = "Answers whose derived rows are behind entitiesVersion or algorithmVersion: "
                        + "the background task derives them again",
                example = "0")
        long pendingAnswers,

        @Schema(description = "pendingAnswers is 0: every derived row is of these versions", example = "true")
        boolean upToDate) {}

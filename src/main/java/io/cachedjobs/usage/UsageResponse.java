package io.cachedjobs.usage;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** An organisation's usage over a range of UTC days, by day and model, and in total. */
@Schema(name = "Usage", description = "The organisation's finished executions over a range of UTC days")
public record UsageResponse(
        @Schema(description = "The first UTC day counted", example = "2026-10-30")
        LocalDate from,

        @Schema(description = "The day after the last counted (exclusive)", example = "2026-11-29")
        LocalDate to,

        UsageFigures totals,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "One row per UTC day and model that has finished executions, by day "
                                        + "then model; days and models without any are left out"))
        List<DayModelUsage> byDayAndModel) {}

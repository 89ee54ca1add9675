package io.cachedjobs.analytics;

import io.cachedjobs.common.LowerCaseEnum;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The body of every figure: which answers it counts, all filters optional. An answer counts when it
 * matches every filter given (within one list, any of its values). Only analysed answers count:
 * successful executions, with or without text; failed ones are in no denominator.
 */
@Schema(name = "AnalyticsRequest", description = "Which answers a figure counts; every filter optional")
public record AnalyticsRequest(
        @Schema(
                description = "First day counted, in `timezone` (inclusive). Default: 30 days before `to`",
                example = "2026-11-01")
        LocalDate from,

        @Schema(
                description = "The day after the last counted, in `timezone` (exclusive). Default: tomorrow, "
                        + "so that today counts",
                example = "2026-12-01")
        LocalDate to,

        @Schema(description = "IANA time zone of the days and buckets. Default: UTC", example = "Europe/Paris")
        @Size(max = 64)
        String timezone,

        @Schema(description = "Any of these model names (as executions show them)", example = "[\"gpt-5-mini\"]")
        @Size(max = 50)
        List<@NotNull @Size(max = 100) String> models,

        @Schema(description = "Any of these countries of the query (ISO 3166-1 alpha-2)", example = "[\"US\"]")
        @Size(max = 250)
        List<
                        @NotNull
                        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code, e.g. US")
                        String>
                countries,

        @Schema(description = "Any of these languages of the query (ISO 639-1)", example = "[\"en\"]") @Size(max = 200)
        List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 language code, e.g. en") String>
                languages,

        @Schema(description = "Any of these queries") @Size(max = 1000)
        List<@NotNull UUID> queryIds,

        @Schema(description = "Queries with any of these tags") @Size(max = 100)
        List<@NotNull Long> tagIds,

        @Schema(
                description = "Only these entities of the project (default: all). Denominators stay all tracked "
                        + "entities' (share of voice)")
        @Size(max = 500)
        List<@NotNull UUID> entityIds,

        @Schema(description = "`model`: every figure once per model as well (rows with `model` set)")
        Breakdown breakdown,

        @Schema(description = "visibility/timeseries only: the bucket of time. Default: day")
        Bucket bucket,

        @Schema(description = "sources/top-domains only: how many domains. Default 15") @Min(1) @Max(100)
        Integer size) {

    /** Asks for no filter: every analysed answer of the last 30 days. */
    static final AnalyticsRequest NONE =
            new AnalyticsRequest(null, null, null, null, null, null, null, null, null, null, null, null);

    /** A figure broken down by model, or not. */
    public enum Breakdown implements LowerCaseEnum {
        NONE,
        MODEL;

        @Override
        public String toString() {
            return value();
        }
    }

    /** The buckets of a time series: days, ISO weeks (from Monday), calendar months, in the time zone. */
    public enum Bucket implements LowerCaseEnum {
        DAY,
        WEEK,
        MONTH;

        @Override
        public String toString() {
            return value();
        }
    }
}

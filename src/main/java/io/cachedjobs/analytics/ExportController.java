package io.cachedjobs.analytics;

import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.tenancy.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = AnalyticsController.TAG, description = AnalyticsController.TAG_DESCRIPTION)
class ExportController {

    static final String NDJSON = "application/x-ndjson";

    private final AnalyticsService analytics;
    private final JsonMapper json;

    ExportController(AnalyticsService analytics, JsonMapper json) {
        this.analytics = analytics;
        this.json = json;
    }

    @PostMapping(value = "/api/results/export", produces = NDJSON)
    @Access(Right.VIEWER)
    @Operation(
            summary = "Export the answers with what the analysis derived, as NDJSON",
            description = "One line per analysed answer, oldest first (by `answeredAt`, then execution id): the "
                    + "answer, its query, model, sources and every entity of the project, found or not, with the "
                    + "versions that derived them, and a `cursor`. Give the last line's `cursor` back to go on; a "
                    + "call that returns fewer lines than `limit` has reached the end. Answers of the last minute are "
                    + "left for a later call (one still being recorded could otherwise land behind a cursor). The "
                    + "filters are the figures' (by default the last 30 days). A bad filter or cursor is a 400 "
                    + "before any line is sent.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "One JSON object per line",
                            content =
                                    @Content(mediaType = NDJSON, schema = @Schema(implementation = ExportLine.class))))
    void export(
            ProjectScope scope, @Valid @RequestBody(required = false) ExportRequest body, HttpServletResponse response)
            throws IOException {
        AnalyticsService.Export export =
                analytics.export(scope, body == null ? new ExportRequest(null, null, null) : body);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        try (OutputStream out = new BufferedOutputStream(response.getOutputStream())) {
            export.forEach(line -> {
                try {
                    out.write(json.writeValueAsBytes(line));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

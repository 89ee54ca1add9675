package io.cachedjobs.analytics;

import io.cachedjobs.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where an export stands: after the answer of {@code executionId} at {@code answeredAt} (answers
 * are exported in that order). Given to clients as opaque text, URL-safe Base64 of {@code
 * <epoch microseconds>:<execution id>}.
 */
record ExportCursor(Instant answeredAt, UUID executionId) {

    /** Before every answer. */
    static final ExportCursor START = new ExportCursor(Instant.EPOCH, new UUID(0, 0));

    /** @throws InvalidRequestException naming {@code cursor} when the text is no cursor an export gave */
    static ExportCursor parse(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            long micros = Long.parseLong(decoded.substring(0, colon));
            return new ExportCursor(
                    Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(decoded.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw InvalidRequestException.of("cursor", "is not a cursor an export gave: give back a line's cursor");
        }
    }

    @Override
    public String toString() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, answeredAt);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + executionId).getBytes(StandardCharsets.UTF_8));
    }
}

package io.cachedjobs.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "RotatedWebhookSecret")
public record RotatedSecretResponse(
        @Schema(
                description = "The new signing secret, shown this once",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=")
        String secret,

        @Schema(
                description = "Until when the previous secret still signs, beside the new one (two signatures in "
                        + "webhook-signature)",
                example = "2026-12-01T10:00:00.000Z")
        Instant previousSecretExpiresAt) {}

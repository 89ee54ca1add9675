package io.cachedjobs.webhook;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** An endpoint just made, with its signing secret: the only answer that shows it. */
@Schema(name = "NewWebhook")
public record NewWebhookResponse(
        @JsonUnwrapped WebhookResponse webhook,

        @Schema(
                description = "The signing secret (Standard Webhooks: whsec_ and the base64 of 32 random bytes). "
                        + "Shown this once; rotate it to get a new one.",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo=")
        String secret) {}

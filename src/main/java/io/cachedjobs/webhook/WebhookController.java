package io.cachedjobs.webhook;

import io.cachedjobs.api.Conflict;
import io.cachedjobs.api.Created;
import io.cachedjobs.api.NotIdempotent;
import io.cachedjobs.api.PageLimit;
import io.cachedjobs.api.Paths;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.tenancy.OrganisationScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation's webhook endpoints (docs/webhooks.md): admin keys only, reads included, since an
 * endpoint's URL may carry a token of the receiver's.
 */
@RestController
@RequestMapping(WebhookController.PATH)
@Tag(
        name = "Webhooks",
        description = "Signed calls (Standard Webhooks) when jobs and runs end, executions fail and engines pause; "
                + "admin keys only")
class WebhookController {

    static final String PATH = "/api/webhooks";
    static final String DELIVERY_ID = "/{deliveryId:" + Paths.UUID + "}";

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Access(Right.ADMIN)
    @NotIdempotent("The answer holds the new signing secret, which must not be kept for replays")
    @Operation(
            summary = "Create a webhook endpoint",
            description = "The answer holds its signing secret, in `secret`: shown this once. Every event of the "
                    + "types in `events` is then sent to `url`, signed. A malformed URL or an unknown event type is "
                    + "a 400; a URL that is not https or whose host is (or resolves to) a loopback, private, "
                    + "link-local or metadata address is a 422 naming `url` and why.")
    ResponseEntity<NewWebhookResponse> create(
            OrganisationScope scope, @Valid @RequestBody CreateWebhookRequest request) {
        NewWebhookResponse created = webhooks.create(scope, request);
        return Created.at(PATH, created.webhook().id(), created);
    }

    @GetMapping
    @Access(Right.ADMIN)
    @Operation(
            summary = "List the organisation's webhook endpoints",
            description = "Oldest first; never their secrets.")
    PageResponse<WebhookResponse> list(OrganisationScope scope, @PageLimit(max = 100) PageParams page) {
        return webhooks.list(scope, page);
    }

    @GetMapping(Paths.ID)
    @Access(Right.ADMIN)
    @Operation(
            summary = "Get a webhook endpoint",
            description = "`enabled: false` with `disabledReason` when it was disabled: by an admin, by a 410 Gone "
                    + "answer, or after failing for days.")
    WebhookResponse get(OrganisationScope scope, @PathVariable UUID id) {
        return webhooks.get(scope, id);
    }

    @PatchMapping(Paths.ID)
    @Access(Right.ADMIN)
    @Operation(
            summary = "Change a webhook endpoint",
            description = "Its url (checked as when created), events, description, or enabled: true to send again "
                    + "after it was disabled (its earlier deliveries are not resent: redeliver them).")
    WebhookResponse update(
            OrganisationScope scope, @PathVariable UUID id, @Valid @RequestBody UpdateWebhookRequest request) {
        return webhooks.update(scope, id, request);
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping(Paths.ID)
    @Access(Right.ADMIN)
    @Operation(summary = "Delete a webhook endpoint", description = "With its deliveries; pending ones are not sent.")
    void delete(OrganisationScope scope, @PathVariable UUID id) {
        webhooks.delete(scope, id);
    }

    @PostMapping(Paths.ID + "/rotate-secret")
    @Access(Right.ADMIN)
    @NotIdempotent("The answer holds the new signing secret, which must not be kept for replays")
    @Operation(
            summary = "Rotate a webhook endpoint's signing secret",
            description = "A new secret, shown this once. The previous one keeps signing beside it (two `v1,` "
                    + "signatures in `webhook-signature`) until `previousSecretExpiresAt`, 24 hours by default.")
    RotatedSecretResponse rotateSecret(OrganisationScope scope, @PathVariable UUID id) {
        return webhooks.rotateSecret(scope, id);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping(Paths.ID + "/test")
    @Access(Right.ADMIN)
    @NotIdempotent("A repeat sends another test event, which is what a test is for; it changes nothing else")
    @Conflict("The endpoint is disabled")
    @Operation(
            summary = "Send a test event to a webhook endpoint",
            description = "A `webhook.test` event, `{\"webhookId\": ...}`, sent to this endpoint only, signed and "
                    + "retried like any other; the answer is its delivery, pending. Follow it in the deliveries.")
    WebhookDeliveryResponse test(OrganisationScope scope, @PathVariable UUID id) {
        return webhooks.test(scope, id);
    }

    @GetMapping(Paths.ID + "/deliveries")
    @Access(Right.ADMIN)
    @Operation(
            summary = "List a webhook endpoint's deliveries",
            description = "Newest first: each event sent to the endpoint, its status, and its latest attempts "
                    + "(time, the receiver's status code or why there was none, at most 200 characters of its "
                    + "answer, duration).")
    PageResponse<WebhookDeliveryResponse> deliveries(
            OrganisationScope scope, @PathVariable UUID id, @PageLimit(max = 100) PageParams page) {
        return webhooks.deliveries(scope, id, page);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping(Paths.ID + "/deliveries" + DELIVERY_ID + "/redeliver")
    @Access(Right.ADMIN)
    @NotIdempotent("Redelivering is idempotent by itself: a repeat sends the same event, with the same webhook-id, "
            + "which receivers deduplicate on")
    @Conflict("The endpoint is disabled, or the delivery is being sent now")
    @Operation(
            summary = "Send a delivery again",
            description = "Now, with the same webhook-id (receivers deduplicate on it), and should it fail, on "
                    + "the retry schedule from its start: a delivered or failed delivery, or a pending one "
                    + "waiting for its next retry.")
    WebhookDeliveryResponse redeliver(OrganisationScope scope, @PathVariable UUID id, @PathVariable UUID deliveryId) {
        return webhooks.redeliver(scope, id, deliveryId);
    }
}

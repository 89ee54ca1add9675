package io.cachedjobs.webhook;

import io.cachedjobs.common.Text;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.problem.ConflictException;
import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.tenancy.OrganisationScope;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organisation's webhook endpoints: made, listed, changed, deleted, their secret rotated, a test
 * event sent; their deliveries listed and sent again. Every call acts in the caller's organisation:
 * another's endpoint is not found.
 */
@Service
@Transactional
public class WebhookService {

    /** Attempts shown with each delivery, newest first. */
    static final int ATTEMPTS_SHOWN = 20;

    private static final String COLUMNS = "id, url, description, events, enabled, disabled_reason, disabled_at, "
            + "previous_secret_until, created_at, updated_at";

    private final JdbcClient jdbc;
    private final WebhookTargets targets;
    private final WebhookEvents events;
    private final WebhookDeliveries deliveries;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookService(
            JdbcClient jdbc,
            WebhookTargets targets,
            WebhookEvents events,
            WebhookDeliveries deliveries,
            WebhookProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.events = events;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Makes an endpoint, enabled, with a new secret, shown in this answer only.
     *
     * @throws InvalidRequestException (400) for a malformed URL or an unknown event type, naming it
     * @throws WebhookUrlRefused (422) for a URL that is not https or not on a public address
     */
    public NewWebhookResponse create(OrganisationScope scope, CreateWebhookRequest request) {
        String url = checkedUrl(request.url());
        List<String> types = checkedEvents(request.events());
        Instant now = clock.instant();
        UUID id = UuidV7.next();
        String secret = WebhookSignatures.newSecret();
        jdbc.sql("""
                        INSERT INTO webhook_endpoints (id, organisation_id, url, description, events, enabled, secret,
                            created_at, updated_at)
                        VALUES (:id, :organisation, :url, CAST(:description AS text), CAST(:events AS text[]), true, :secret, :now, :now)""")
                .param("id", id)
                .param("organisation", scope.organisationId())
                .param("url", url)
                .param("description", description(request.description()))
                .param("events", textArray(types))
                .param("secret", secret)
                .param("now", Timestamp.from(now))
                .update();
        return new NewWebhookResponse(get(scope, id), secret);
    }

    @Transactional(readOnly = true)
    public PageResponse<WebhookResponse> list(OrganisationScope scope, PageParams page) {
        long total = jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE organisation_id = :organisation")
                .param("organisation", scope.organisationId())
                .query(Long.class)
                .single();
        List<WebhookResponse> rows = jdbc.sql("SELECT " + COLUMNS
                        + " FROM webhook_endpoints WHERE organisation_id = :organisation ORDER BY id"
                        + " LIMIT :limit OFFSET :offset")
                .param("organisation", scope.organisationId())
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query((row, index) -> read(row))
                .list();
        return PageResponse.of(rows, total, page);
    }

    @Transactional(readOnly = true)
    public WebhookResponse get(OrganisationScope scope, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM webhook_endpoints WHERE id = :id AND organisation_id = :organisation")
                .param("id", id)
                .param("organisation", scope.organisationId())
                .query((row, index) -> read(row))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Webhook", id));
    }

    /**
     * Changes what the request gives. Enabling forgets why it was disabled and its failures.
     *
     * @throws InvalidRequestException (400) for a malformed URL or an unknown event type
     * @throws WebhookUrlRefused (422) for a URL that is not https or not on a public address
     */
    public WebhookResponse update(OrganisationScope scope, UUID id, UpdateWebhookRequest request) {
        lock(scope, id);
        String url = request.url() == null ? null : checkedUrl(request.url());
        List<String> types = request.events() == null ? null : checkedEvents(request.events());
        jdbc.sql("""
                        UPDATE webhook_endpoints SET
                            url = coalesce(CAST(:url AS text), url),
                            events = coalesce(CAST(:events AS text[]), events),
                            description = CASE WHEN :describe THEN CAST(:description AS text) ELSE description END,
                            enabled = coalesce(CAST(:enabled AS boolean), enabled),
                            disabled_reason = CASE WHEN CAST(:enabled AS boolean) IS NULL THEN disabled_reason
                                WHEN CAST(:enabled AS boolean) THEN NULL
                                WHEN enabled THEN 'Disabled by an admin' ELSE disabled_reason END,
                            disabled_at = CASE WHEN CAST(:enabled AS boolean) IS NULL THEN disabled_at
                                WHEN CAST(:enabled AS boolean) THEN NULL
                                WHEN enabled THEN :now ELSE disabled_at END,
                            failing_since = CASE WHEN CAST(:enabled AS boolean) THEN NULL ELSE failing_since END,
                            updated_at = :now
                        WHERE id = :id""")
                .param("url", url)
                .param("events", types == null ? null : textArray(types))
                .param("describe", request.description() != null)
                .param("description", description(request.description()))
                .param("enabled", request.enabled())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        return get(scope, id);
    }

    /** Deletes the endpoint with its deliveries; those still pending are not sent. */
    public void delete(OrganisationScope scope, UUID id) {
        int deleted = jdbc.sql("DELETE FROM webhook_endpoints WHERE id = :id AND organisation_id = :organisation")
                .param("id", id)
                .param("organisation", scope.organisationId())
                .update();
        if (deleted == 0) {
            throw NotFoundException.of("Webhook", id);
        }
    }

    /**
     * A new secret, shown in this answer only; the current one keeps signing beside it for {@code
     * cachedjobs.webhooks.rotation-overlap}. Only two sign at once: one that was still in its
     * overlap stops.
     */
    public RotatedSecretResponse rotateSecret(OrganisationScope scope, UUID id) {
        lock(scope, id);
        Instant now = clock.instant();
        Instant until = now.plus(properties.rotationOverlap());
        String secret = WebhookSignatures.newSecret();
        jdbc.sql("""
                        UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = :until,
                            secret = :secret, updated_at = :now
                        WHERE id = :id""")
                .param("until", Timestamp.from(until))
                .param("secret", secret)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
        return new RotatedSecretResponse(secret, until);
    }

    /**
     * Sends a {@code webhook.test} event to this endpoint (whatever its events), as any other.
     *
     * @throws ConflictException (409) when the endpoint is disabled
     */
    public WebhookDeliveryResponse test(OrganisationScope scope, UUID id) {
        requireEnabled(lock(scope, id));
        UUID delivery = events.test(scope.organisationId(), id).get(0);
        return delivery(scope, id, delivery);
    }

    /** The endpoint's deliveries, newest first, each with its latest attempts. */
    @Transactional(readOnly = true)
    public PageResponse<WebhookDeliveryResponse> deliveries(OrganisationScope scope, UUID id, PageParams page) {
        get(scope, id);
        long total = jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = :endpoint")
                .param("endpoint", id)
                .query(Long.class)
                .single();
        List<WebhookDeliveryResponse> rows = deliveries.page(id, page.limit(), page.offset(), ATTEMPTS_SHOWN);
        return PageResponse.of(rows, total, page);
    }

    /**
     * Sends a delivery again, now, and on the retry schedule from its start should it fail: one that
     * was delivered or failed, or one still waiting for its next retry.
     *
     * @throws ConflictException (409) when the endpoint is disabled, or the delivery is being sent
     */
    public WebhookDeliveryResponse redeliver(OrganisationScope scope, UUID id, UUID deliveryId) {
        requireEnabled(lock(scope, id));
        if (!deliveries.redeliver(id, deliveryId, clock.instant())) {
            throw ConflictException.of("Delivery " + deliveryId + " is being sent now; ask again once it is done");
        }
        return delivery(scope, id, deliveryId);
    }

    private WebhookDeliveryResponse delivery(OrganisationScope scope, UUID id, UUID deliveryId) {
        return deliveries
                .one(id, deliveryId, ATTEMPTS_SHOWN)
                .orElseThrow(() -> NotFoundException.of("Webhook delivery", deliveryId));
    }

    /** Locks the endpoint's row; whether it is enabled. */
    private boolean lock(OrganisationScope scope, UUID id) {
        return jdbc.sql(
                        "SELECT enabled FROM webhook_endpoints WHERE id = :id AND organisation_id = :organisation FOR UPDATE")
                .param("id", id)
                .param("organisation", scope.organisationId())
                .query(Boolean.class)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Webhook", id));
    }

    private static void requireEnabled(boolean enabled) {
        if (!enabled) {
            throw ConflictException.of("The webhook is disabled: enable it first (PATCH with enabled: true)");
        }
    }

    private String checkedUrl(String raw) {
        String url = Text.clean(raw);
        URI uri = WebhookTargets.parse("url", url);
        try {
            targets.check(uri);
        } catch (WebhookTargets.Refused refused) {
            throw new WebhookUrlRefused("url", refused.getMessage());
        }
        return url;
    }

    /** The types, each once, in the order given; every unknown one named. */
    private static List<String> checkedEvents(List<String> given) {
        List<FieldProblem> problems = new ArrayList<>();
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String type = Text.clean(given.get(i));
            if (WebhookEventType.subscribable(type).isEmpty()) {
                problems.add(new FieldProblem(
                        "events[" + i + "]", "must be one of " + String.join(", ", WebhookEventType.subscribable())));
            } else {
                types.add(type);
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        if (types.isEmpty()) {
            throw InvalidRequestException.of("events", "must hold at least one event type");
        }
        return List.copyOf(types);
    }

    private static @Nullable String description(@Nullable String given) {
        String clean = Text.clean(given);
        return clean == null || clean.isEmpty() ? null : clean;
    }

    private static String textArray(List<String> values) {
        // Event types hold no quote, comma or brace: checked against the known types first.
        return "{" + String.join(",", values) + "}";
    }

    private WebhookResponse read(ResultSet row) throws SQLException {
        Instant previousUntil = instant(row.getTimestamp("previous_secret_until"));
        return new WebhookResponse(
                row.getObject("id", UUID.class),
                row.getString("url"),
                row.getString("description"),
                strings(row.getArray("events")),
                row.getBoolean("enabled"),
                row.getString("disabled_reason"),
                instant(row.getTimestamp("disabled_at")),
                previousUntil != null && previousUntil.isAfter(clock.instant()) ? previousUntil : null,
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

-- Webhooks (docs/webhooks.md): an organisation's endpoints, the events to send them (the outbox,
-- written in the transaction of the change each reports), one delivery per event and endpoint
-- (sent by the db-scheduler task 'webhook-delivery' whose instance is the delivery's id), and
-- every attempt of a delivery.

--   events: the event types the endpoint receives (cached_job.ended, run.completed, ...).
--   secret: the signing secret as shown to its owner (whsec_ + base64); previous_secret signs too,
--     beside it, until previous_secret_until (a rotation's overlap).
--   failing_since: the first failed attempt since the last delivered one; an endpoint failing for
--     cachedjobs.webhooks.disable-after is disabled, with disabled_reason.
CREATE TABLE webhook_endpoints (
    id                    uuid        PRIMARY KEY,
    organisation_id       uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    url                   text        NOT NULL,
    description           text,
    events                text[]      NOT NULL,
    enabled               boolean     NOT NULL,
    disabled_reason       text,
    disabled_at           timestamptz,
    secret                text        NOT NULL,
    previous_secret       text,
    previous_secret_until timestamptz,
    failing_since         timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_organisation_idx ON webhook_endpoints (organisation_id, id);

-- An event to send: its body is kept as sent, so that every attempt signs the same bytes.
-- organisation_id null: an event of every organisation (an engine account's, shared by all).
-- dedupe_key: an event sent once at most (run.completed of a run).
CREATE TABLE webhook_events (
    id              uuid        PRIMARY KEY,
    type            text        NOT NULL,
    organisation_id uuid        REFERENCES organisations (id) ON DELETE CASCADE,
    body            text        NOT NULL,
    dedupe_key      text        UNIQUE,
    created_at      timestamptz NOT NULL
);

--   status: pending (to be sent, or retried at next_attempt_at), delivered, failed (its schedule
--     spent, its endpoint disabled or gone: failure says which).
--   round_attempts: attempts since it was made or last redelivered: its step in the retry schedule.
CREATE TABLE webhook_deliveries (
    id              uuid        PRIMARY KEY,
    event_id        uuid        NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    status          text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    failure         text,
    attempts        integer     NOT NULL DEFAULT 0,
    round_attempts  integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT webhook_deliveries_once UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id);

--   response_status: the receiver's status code, null when it gave none (error says why:
--     timeout, connection, address-refused); excerpt: at most the first 200 characters of its answer.
CREATE TABLE webhook_attempts (
    id              uuid        PRIMARY KEY,
    delivery_id     uuid        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    number          integer     NOT NULL,
    attempted_at    timestamptz NOT NULL,
    delivered       boolean     NOT NULL,
    response_status integer,
    error           text,
    excerpt         text,
    duration_ms     integer     NOT NULL,
    CONSTRAINT webhook_attempts_once UNIQUE (delivery_id, number)
);

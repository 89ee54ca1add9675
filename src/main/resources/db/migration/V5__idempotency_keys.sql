-- Safe retries: the first answer to each Idempotency-Key, per organisation, kept for its retries.
-- A row whose status is null is a claim: the first call with the key is still running, and
-- claim_id tells that call's own row from one that replaced it. expires_at is the claim's lease
-- while the call runs and the end of the retention once it is answered; an expired row counts as
-- absent (a new call may take its place) until the purge deletes it.
-- No foreign key to organisations: a key sent with an unknown organisation keeps its 404 answer
-- like any other, and POST /api/organisations keeps its keys under the all-zero id.
CREATE TABLE idempotency_keys (
    organisation_id uuid         NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    claim_id        uuid         NOT NULL,
    -- SHA-256 of the method, path, x-project-id and body: what "the same request" means.
    fingerprint     bytea        NOT NULL,
    status          smallint,
    content_type    text,
    location        text,
    body            bytea,
    created_at      timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    PRIMARY KEY (organisation_id, idempotency_key)
);

CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);

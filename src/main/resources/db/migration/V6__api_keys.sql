-- API keys: each belongs to one organisation and has a role. The secret itself is never stored,
-- only its SHA-256 (the secret has 256 bits of entropy, so a slow hash adds nothing) and a short
-- prefix the owner recognises it by.
CREATE TABLE api_keys (
    id              uuid          PRIMARY KEY,
    organisation_id uuid          NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            varchar(100)  NOT NULL,
    role            varchar(16)   NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    prefix          varchar(16)   NOT NULL,
    secret_hash     bytea         NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    CONSTRAINT api_keys_secret_hash_key UNIQUE (secret_hash)
);

-- The organisation's keys in the order they are listed.
CREATE INDEX api_keys_organisation_idx ON api_keys (organisation_id, created_at, id);

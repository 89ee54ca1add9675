-- Engine accounts (docs/runner.md): what every instance reads before it sends an execution, so that
-- an account's limits and pauses hold across all of them. One row per account, made on first use;
-- claims lock it, so they are decided one at a time per account.
CREATE TABLE engine_accounts (
    name                  text PRIMARY KEY,
    -- The requests-per-minute bucket: tokens left at tokens_at (it refills at rpm / 60 a second).
    tokens                double precision NOT NULL,
    tokens_at             timestamptz      NOT NULL,
    -- A pause: why, since when, until when (none: until an operator resumes it or its key changes),
    -- the engine's message, and a fingerprint of the key it was refused for.
    pause_reason          varchar(32),
    pause_message         text,
    paused_at             timestamptz,
    paused_until          timestamptz,
    paused_key            varchar(64),
    -- Overloaded answers in a row; enough of them pause the account for a while.
    consecutive_overloads integer          NOT NULL DEFAULT 0,
    updated_at            timestamptz      NOT NULL,
    CONSTRAINT engine_accounts_pause_reason_check CHECK (pause_reason IN
        ('out-of-credit', 'refused-credentials', 'overloaded', 'rate-limited', 'daily-budget'))
);

-- What each account was asked and spent per UTC day (the daily budget reads it).
CREATE TABLE engine_account_days (
    account     text    NOT NULL,
    day         date    NOT NULL,
    calls       integer NOT NULL,
    cost_micros bigint  NOT NULL,
    PRIMARY KEY (account, day)
);

-- Calls in flight per provider key (an account's concurrency), and each organisation's executions
-- still to run (its place in the queue).
CREATE INDEX job_executions_running_idx ON job_executions (provider_key) WHERE status = 'running';
CREATE INDEX job_executions_unfinished_idx ON job_executions (organisation_id)
    WHERE status IN ('pending', 'running', 'retrying');

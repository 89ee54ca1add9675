-- Running the cached jobs (docs/runner.md).

-- The provider keys a job was made with, beside their model names (ai_models[i] is the model of
-- provider_keys[i]), so that each execution knows its engine even after the catalogue changes.
-- Jobs made before are given the keys of the catalogue shipped then; a model it did not know gets
-- the key 'unknown', whose executions fail with engine-not-configured.
ALTER TABLE cached_jobs ADD COLUMN provider_keys text[];
UPDATE cached_jobs SET provider_keys = ARRAY(
    SELECT COALESCE(CASE m
        WHEN 'gpt-4.1-mini' THEN 'openai'
        WHEN 'gpt-5-mini' THEN 'openai5'
        WHEN 'gpt-5-chat-latest' THEN 'openai5gpt'
        WHEN 'gpt-5.1-chat-latest' THEN 'openai51gpt'
        WHEN 'claude-haiku-4-5' THEN 'anthropic'
        WHEN 'gemini-2.5-flash' THEN 'google-generative-ai'
        WHEN 'sonar' THEN 'perplexity'
        WHEN 'deepseek-v3.2-maas' THEN 'deepseek'
        WHEN 'ai-overview' THEN 'ai-overview'
        WHEN 'ai-mode' THEN 'ai-mode'
        WHEN 'ai-overview-2' THEN 'ai-overview2'
        WHEN 'ai-overview-3' THEN 'ai-overview3'
        WHEN 'ai-mode-2' THEN 'ai-mode2'
        WHEN 'ai-mode-3' THEN 'ai-mode3'
        END, 'unknown')
    FROM unnest(ai_models) WITH ORDINALITY AS t(m, i) ORDER BY i);
ALTER TABLE cached_jobs ALTER COLUMN provider_keys SET NOT NULL;
ALTER TABLE cached_jobs ADD CONSTRAINT cached_jobs_provider_keys_check
    CHECK (cardinality(provider_keys) = cardinality(ai_models));

-- Its executions by status, kept by the runner with each change (a job's answer reads its own
-- row); once ended, how it ended and what it cost (USD millionths).
ALTER TABLE cached_jobs
    ADD COLUMN total_executions    integer NOT NULL DEFAULT 0,
    ADD COLUMN pending_executions  integer NOT NULL DEFAULT 0,
    ADD COLUMN running_executions  integer NOT NULL DEFAULT 0,
    ADD COLUMN retrying_executions integer NOT NULL DEFAULT 0,
    ADD COLUMN success_executions  integer NOT NULL DEFAULT 0,
    ADD COLUMN failed_executions   integer NOT NULL DEFAULT 0,
    ADD COLUMN outcome             varchar(16),
    ADD COLUMN cost_micros         bigint,
    ADD CONSTRAINT cached_jobs_outcome_check CHECK (outcome IN ('completed', 'partial_failed', 'failed'));

-- One ask of one query to one engine: a job with models M and executionCount n has |M| x n.
CREATE TABLE job_executions (
    id                    uuid PRIMARY KEY,
    cached_job_id         uuid          NOT NULL REFERENCES cached_jobs (id) ON DELETE CASCADE,
    project_id            uuid          NOT NULL,
    organisation_id       uuid          NOT NULL,
    query_id              uuid          NOT NULL,
    query_text            varchar(2000) NOT NULL,
    language              varchar(5)    NOT NULL,
    country               varchar(2)    NOT NULL,
    model                 text          NOT NULL,
    provider_key          text          NOT NULL,
    execution_number      integer       NOT NULL,
    -- Times the question was sent. Only the attempt that holds the execution records its result:
    -- a worker that lost it cannot overwrite the one that took it over.
    attempt               integer       NOT NULL DEFAULT 0,
    status                varchar(16)   NOT NULL,
    answer                text,
    no_answer_reason      varchar(32),
    sources               jsonb,
    search_queries        jsonb,
    input_tokens          bigint,
    cached_input_tokens   bigint,
    output_tokens         bigint,
    reasoning_tokens      bigint,
    search_calls          integer,
    cost_micros           bigint,
    latency_ms            integer,
    error_type            varchar(32),
    error_message         text,
    raw_answer            text,
    -- Calls whose answer was lost (a worker died mid-call, a time-out): the engine may have billed them.
    possibly_billed_calls integer       NOT NULL DEFAULT 0,
    started_at            timestamptz,
    finished_at           timestamptz,
    created_at            timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL,
    CONSTRAINT job_executions_status_check
        CHECK (status IN ('pending', 'running', 'retrying', 'success', 'failed')),
    CONSTRAINT job_executions_slot_key UNIQUE (cached_job_id, provider_key, execution_number)
);
CREATE INDEX job_executions_job_idx ON job_executions (cached_job_id, id);
CREATE INDEX job_executions_project_idx ON job_executions (project_id, id);

-- db-scheduler's table (its PostgreSQL DDL for 16.7.1, with priority).
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- Project settings: when its queries run again, and with which providers and execution count.
-- Defaults make existing projects valid without a data migration.

ALTER TABLE projects
    ADD COLUMN recurrence          varchar(200) NOT NULL DEFAULT 'manual',
    ADD COLUMN recurrence_timezone varchar(64)  NOT NULL DEFAULT 'UTC',
    ADD COLUMN recurrence_status   varchar(16)  NOT NULL DEFAULT 'active',
    ADD COLUMN llm_providers       text[]       NOT NULL DEFAULT ARRAY['openai', 'anthropic', 'google-generative-ai'],
    ADD COLUMN execution_count     integer      NOT NULL DEFAULT 3,
    ADD CONSTRAINT projects_recurrence_status_check CHECK (recurrence_status IN ('active', 'paused')),
    ADD CONSTRAINT projects_llm_providers_check CHECK (cardinality(llm_providers) >= 1),
    ADD CONSTRAINT projects_execution_count_check CHECK (execution_count >= 1);

-- Lists page through an organisation's projects, and through organisations, by creation.
CREATE INDEX projects_organisation_created_idx ON projects (organisation_id, created_at, id);
CREATE INDEX organisations_created_idx ON organisations (created_at, id);

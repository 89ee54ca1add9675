-- Ids are UUID v7 made by the service; times are timestamptz in UTC at millisecond precision.

CREATE TABLE organisations (
    id         uuid PRIMARY KEY,
    name       varchar(200) NOT NULL,
    slug       varchar(80)  NOT NULL,
    created_at timestamptz  NOT NULL,
    updated_at timestamptz  NOT NULL,
    CONSTRAINT organisations_slug_key UNIQUE (slug)
);

CREATE TABLE projects (
    id              uuid PRIMARY KEY,
    organisation_id uuid          NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            varchar(200)  NOT NULL,
    website         varchar(2048),
    industry        varchar(200),
    description     varchar(5000),
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL
);
-- Every project-scoped call checks (id, organisation_id).
CREATE INDEX projects_organisation_idx ON projects (organisation_id, id);

CREATE TABLE queries (
    id         uuid PRIMARY KEY,
    project_id uuid          NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    query_text varchar(2000) NOT NULL,
    language   varchar(5)    NOT NULL,
    country    varchar(2)    NOT NULL,
    created_at timestamptz   NOT NULL,
    updated_at timestamptz   NOT NULL
);
-- The trigger reads a project's queries in creation order.
CREATE INDEX queries_project_created_idx ON queries (project_id, created_at, id);

CREATE TABLE cached_jobs (
    id              uuid PRIMARY KEY,
    project_id      uuid          NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    query_id        uuid          NOT NULL REFERENCES queries (id) ON DELETE CASCADE,
    query_text      varchar(2000) NOT NULL,
    language        varchar(5)    NOT NULL,
    country         varchar(2)    NOT NULL,
    ai_models       text[]        NOT NULL,
    execution_count integer       NOT NULL,
    status          varchar(16)   NOT NULL,
    restricted      boolean       NOT NULL DEFAULT false,
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    CONSTRAINT cached_jobs_status_check CHECK (status IN ('pending', 'active', 'ended', 'inactive')),
    CONSTRAINT cached_jobs_execution_count_check CHECK (execution_count >= 1),
    CONSTRAINT cached_jobs_ai_models_check CHECK (cardinality(ai_models) >= 1)
);
CREATE INDEX cached_jobs_project_created_idx ON cached_jobs (project_id, created_at, id);
CREATE INDEX cached_jobs_query_idx ON cached_jobs (query_id);

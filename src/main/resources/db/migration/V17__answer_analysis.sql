-- What the answers say of the project's entities (docs/analysis.md): rows derived from each
-- successful execution by the extraction (analysis/Extraction), never written by a user, derived
-- again in the background when the project's entities or the algorithm change. Each says which
-- versions made it: entities_version (the project's entity_sets.version; -1: not derived yet) and
-- algorithm_version (the code's Extraction.ALGORITHM_VERSION).
--
-- Denormalised on purpose: every row carries the organisation, project, query, model, language,
-- country and the time the answer came (its execution's finished_at), copied from the execution.
-- The figures filter by exactly these and group by time buckets; with them on the row, each figure
-- is a range read of one index (project, then entity or time) that never joins job_executions, a
-- wide row holding the answer's text and raw JSON, so it stays an index read at a million answers.
-- The copies cannot drift: an execution's columns do not change once its result is recorded.

-- One row per analysed answer (every successful execution, with text or without: an observation
-- such as "no AI Overview" is an answer that names nobody): the figures' denominators, whatever
-- the number of entities.
CREATE TABLE answer_analyses (
    execution_id       uuid PRIMARY KEY REFERENCES job_executions (id) ON DELETE CASCADE,
    organisation_id    uuid        NOT NULL,
    project_id         uuid        NOT NULL,
    query_id           uuid        NOT NULL,
    model              text        NOT NULL,
    language           varchar(5)  NOT NULL,
    country            varchar(2)  NOT NULL,
    answered_at        timestamptz NOT NULL,
    has_text           boolean     NOT NULL,
    source_count       integer     NOT NULL,
    cited_source_count integer     NOT NULL,
    entities_version   bigint      NOT NULL,
    algorithm_version  integer     NOT NULL,
    analysed_at        timestamptz
);
-- Denominators of every figure: a project's answers in a time range, by model, query, language, country.
CREATE INDEX answer_analyses_project_time_idx ON answer_analyses (project_id, answered_at)
    INCLUDE (model, query_id, language, country, has_text, source_count, cited_source_count);
-- The answers still to derive (behind the project's versions), for the background task and the status.
CREATE INDEX answer_analyses_pending_idx ON answer_analyses (project_id, algorithm_version, entities_version);

-- One row per (answer, entity of its project), the entities not found included (present false).
CREATE TABLE answer_entities (
    execution_id      uuid        NOT NULL REFERENCES answer_analyses (execution_id) ON DELETE CASCADE,
    entity_id         uuid        NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    organisation_id   uuid        NOT NULL,
    project_id        uuid        NOT NULL,
    query_id          uuid        NOT NULL,
    model             text        NOT NULL,
    answered_at       timestamptz NOT NULL,
    present           boolean     NOT NULL,
    mention_count     integer     NOT NULL,
    -- Code points of the answer's cleaned text before the first mention (docs/analysis.md).
    first_offset      integer,
    -- Place among the answer's present entities by first mention, from 1.
    rank              integer,
    -- A source the answer cites is on one of the entity's domains; in_sources: cited or only consulted.
    cited             boolean     NOT NULL,
    in_sources        boolean     NOT NULL,
    entities_version  bigint      NOT NULL,
    algorithm_version integer     NOT NULL,
    PRIMARY KEY (execution_id, entity_id),
    CONSTRAINT answer_entities_present_check CHECK (present = (mention_count > 0)
        AND present = (rank IS NOT NULL) AND present = (first_offset IS NOT NULL))
);
-- Every figure over a time range (visibility per bucket and entity, share of voice, average rank,
-- per-query statistics), whatever its filters of entities, models and queries: one range of a
-- project's rows, read from the index alone.
CREATE INDEX answer_entities_time_idx ON answer_entities (project_id, answered_at)
    INCLUDE (entity_id, model, query_id, present, mention_count, rank, cited);
-- One entity's rows over a time range (an entity's own figures), and its rows deleted with it.
CREATE INDEX answer_entities_entity_idx ON answer_entities (entity_id, answered_at)
    INCLUDE (model, query_id, present, mention_count, rank, cited);

-- One row per source of an answer, normalised: the top-domains and domain-URL figures.
CREATE TABLE answer_sources (
    execution_id      uuid        NOT NULL REFERENCES answer_analyses (execution_id) ON DELETE CASCADE,
    -- Place among the answer's sources, from 0: cited ones first, as the execution stores them.
    position          integer     NOT NULL,
    organisation_id   uuid        NOT NULL,
    project_id        uuid        NOT NULL,
    query_id          uuid        NOT NULL,
    model             text        NOT NULL,
    answered_at       timestamptz NOT NULL,
    -- Without tracking parameters or fragment.
    url               text        NOT NULL,
    -- Lower case, without www.
    host              text        NOT NULL,
    -- The host's registrable domain (public suffix list): blog.hubspot.com is hubspot.com.
    domain            text        NOT NULL,
    title             text,
    cited             boolean     NOT NULL,
    -- The entities whose domains the page is on (the brand's own pages): derived, versioned.
    entity_ids        uuid[]      NOT NULL,
    entities_version  bigint      NOT NULL,
    algorithm_version integer     NOT NULL,
    PRIMARY KEY (execution_id, position)
);
CREATE INDEX answer_sources_time_idx ON answer_sources (project_id, answered_at)
    INCLUDE (domain, model, query_id, cited);
CREATE INDEX answer_sources_domain_idx ON answer_sources (project_id, domain, answered_at)
    INCLUDE (model, cited);

-- The versions every analysed answer of a project has been derived with, once the background task
-- has found none behind them; behind the project's entity_sets.version (or the code's algorithm
-- version), the task derives its answers again.
CREATE TABLE analysis_progress (
    project_id        uuid PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    derived_version   bigint      NOT NULL,
    derived_algorithm integer     NOT NULL,
    updated_at        timestamptz NOT NULL
);

-- Every successful execution so far, to be derived by the background task (versions -1 and 0).
INSERT INTO answer_analyses (execution_id, organisation_id, project_id, query_id, model, language, country,
    answered_at, has_text, source_count, cited_source_count, entities_version, algorithm_version)
SELECT e.id, e.organisation_id, e.project_id, e.query_id, e.model, e.language, e.country,
    coalesce(e.finished_at, e.updated_at), e.answer IS NOT NULL,
    CASE WHEN jsonb_typeof(e.sources) = 'array' THEN jsonb_array_length(e.sources) ELSE 0 END,
    CASE WHEN jsonb_typeof(e.sources) = 'array' THEN (SELECT count(*) FROM jsonb_array_elements(e.sources) s
        WHERE s ->> 'cited' = 'true') ELSE 0 END,
    -1, 0
FROM job_executions e WHERE e.status = 'success';

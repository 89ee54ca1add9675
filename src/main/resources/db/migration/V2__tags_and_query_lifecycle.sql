-- Tags: ids are numbers, as the original API answers them; names are unique per project.

CREATE TABLE tags (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id uuid         NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name       varchar(100) NOT NULL,
    color      char(7)      NOT NULL,
    created_at timestamptz  NOT NULL,
    updated_at timestamptz  NOT NULL,
    CONSTRAINT tags_color_check CHECK (color ~ '^#[0-9A-Fa-f]{6}$'),
    -- Also serves the list, ordered by name then id.
    CONSTRAINT tags_project_name_key UNIQUE (project_id, name)
);

CREATE TABLE query_tags (
    query_id uuid   NOT NULL REFERENCES queries (id) ON DELETE CASCADE,
    tag_id   bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (query_id, tag_id)
);
-- The tag filters and the cascade when a tag is deleted look rows up by tag.
CREATE INDEX query_tags_tag_idx ON query_tags (tag_id);

-- Deleting a query only marks it: the cached jobs made from it keep pointing at a real row.
ALTER TABLE queries ADD COLUMN deleted_at timestamptz;

-- One live query per text, language and country in a project. The text is indexed by its md5:
-- 2000 characters of multi-byte text can exceed the largest entry a btree index takes (~2.7 kB).
-- The service compares the full text before writing; this index is the backstop for races.
CREATE UNIQUE INDEX queries_project_text_language_country_key
    ON queries (project_id, md5(query_text), language, country)
    WHERE deleted_at IS NULL;

-- Every read (the trigger, lists, gets) is of live queries: the indexes skip deleted ones.
DROP INDEX queries_project_created_idx;
CREATE INDEX queries_project_created_idx ON queries (project_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX queries_project_updated_idx ON queries (project_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX queries_project_language_idx ON queries (project_id, language, id) WHERE deleted_at IS NULL;
CREATE INDEX queries_project_country_idx ON queries (project_id, country, id) WHERE deleted_at IS NULL;

-- The entities a project tracks in its answers: its own brand, its competitors, other names
-- (docs/analysis.md).

-- One row per project: the version of its entities, raised in the transaction of every change to
-- what the extraction reads of them (a create, a delete, names, aliases, domains, matching options). Derived rows say which version made them; a derived row behind it is
-- derived again in the background. The row is also the lock that orders a project's entity changes,
-- so that the checks of duplicate names and of the one primary entity see every other change.
CREATE TABLE entity_sets (
    project_id uuid PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    version    bigint      NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE entities (
    id               uuid PRIMARY KEY,
    project_id       uuid         NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name             varchar(200) NOT NULL,
    -- Other spellings, each a mention too; names and aliases are unique in the project, compared
    -- without case and accents (checked by the service under the entity_sets row's lock).
    aliases          text[]       NOT NULL DEFAULT '{}',
    -- Registrable domains (or hosts under no known public suffix): a source on one of them, or on a
    -- subdomain, is the entity's.
    domains          text[]       NOT NULL DEFAULT '{}',
    type             varchar(16)  NOT NULL,
    is_owned         boolean      NOT NULL,
    is_primary       boolean      NOT NULL,
    is_competitor    boolean      NOT NULL,
    case_sensitive   boolean      NOT NULL DEFAULT false,
    accent_sensitive boolean      NOT NULL DEFAULT false,
    -- The entity_sets version its last change made.
    set_version      bigint       NOT NULL,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    CONSTRAINT entities_type_check CHECK (type IN ('brand', 'company', 'product', 'person', 'other')),
    CONSTRAINT entities_primary_is_owned CHECK (NOT is_primary OR is_owned),
    CONSTRAINT entities_owned_or_competitor CHECK (NOT (is_owned AND is_competitor))
);
CREATE INDEX entities_project_idx ON entities (project_id, created_at, id);
CREATE UNIQUE INDEX entities_one_primary ON entities (project_id) WHERE is_primary;

-- Every project made before: its entity set, and its primary brand from its name and its website's
-- host (a new project gets its registrable domain from the service; SQL has no public suffix list).
INSERT INTO entity_sets (project_id, version, updated_at) SELECT id, 1, now() FROM projects;
INSERT INTO entities (id, project_id, name, aliases, domains, type, is_owned, is_primary, is_competitor,
    set_version, created_at, updated_at)
SELECT (lpad(to_hex((x.tc >> 12 << 16) | 28672 | (x.tc & 4095)), 16, '0') || right(gen_random_uuid()::text, 17))::uuid,
    x.id, x.name, '{}', CASE WHEN x.host IS NULL OR position('.' IN x.host) = 0 THEN '{}' ELSE ARRAY[x.host] END,
    'brand', true, true, false, 1, now(), now()
FROM (SELECT p.id, p.name,
          regexp_replace(lower(substring(p.website FROM '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#:@]+)')), '^www\.', '') AS host,
          ((extract(epoch FROM now()) * 1000)::bigint << 12) + row_number() OVER (ORDER BY p.created_at, p.id) AS tc
      FROM projects p) x;

-- POST /api/cached-jobs/list answers page.totalRecords: a count of every job of the project in the
-- statuses asked. The (project_id, status, created_at, id) index serves the page, but counting
-- through it reads a wide entry per job, and on a large project the planner prefers a parallel
-- sequential scan of the whole table. This narrow index deduplicates its entries (one key per
-- project and status), so the count is an index-only scan of a few pages per thousand jobs.
CREATE INDEX cached_jobs_project_status_idx ON cached_jobs (project_id, status);

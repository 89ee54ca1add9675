-- POST /api/cached-jobs/list answers page.totalRecords: count(*) of the project's jobs in the
-- statuses asked. Counting through the (project_id, status, created_at, id) index that serves the
-- page reads a wide entry per job, and on a large project the planner prefers a parallel
-- sequential scan of the whole table. This narrow index stores each project and status once with
-- the list of its rows (btree deduplication), so the count is an index-only scan of a few pages
-- per thousand jobs.
CREATE INDEX cached_jobs_project_status_idx ON cached_jobs (project_id, status);

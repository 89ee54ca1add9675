-- POST /api/cached-jobs/list answers page.totalRecords: count(*) of the project's jobs in the
-- statuses asked. Counted through the (project_id, status, created_at, id) index that serves the
-- page, every job costs a wide entry, and on a large project the planner preferred a parallel
-- sequential scan of the whole table. This narrow index stores each project and status once with
-- the list of its rows (btree deduplication), so the count reads a small index instead.
CREATE INDEX cached_jobs_project_status_idx ON cached_jobs (project_id, status);

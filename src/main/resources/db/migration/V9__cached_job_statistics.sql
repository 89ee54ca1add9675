-- The planner's estimate for "project_id = ? AND status = ?" multiplies the two columns'
-- frequencies as if they were independent; they are not (a big project has most of the pending
-- jobs, or none). Over-estimated, the count of a list page was planned as a sequential scan of the
-- whole table instead of the (project_id, status) index. Statistics on the pair give the planner
-- their real combined frequencies (gathered by ANALYZE, which autovacuum runs).
CREATE STATISTICS cached_jobs_project_status_stats (mcv, dependencies) ON project_id, status FROM cached_jobs;

-- The trigger that made a job: every job of one POST /api/cached-jobs/trigger shares its run_id
-- (null for jobs made one by one through /many). A keyed trigger keeps this id instead of its
-- answer, and a retry with its key reads the run's jobs back (in id order, the trigger's order).
ALTER TABLE cached_jobs ADD COLUMN run_id uuid;
CREATE INDEX cached_jobs_run_idx ON cached_jobs (run_id, id) WHERE run_id IS NOT NULL;

-- A kept answer that is a reference to what the call wrote (a run id) rather than its body:
-- committed in the call's own transaction, re-read on replay.
ALTER TABLE idempotency_keys ADD COLUMN reference uuid;

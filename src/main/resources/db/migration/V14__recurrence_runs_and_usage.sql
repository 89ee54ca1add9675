-- Recurrence (docs/runner.md): a project's next run is stored, no longer only computed on read, so
-- that the runner can find the projects that are due; and its last run is shown.
--   next_run_at: when the recurrence runs next (null: manual, or paused). Written by the service
--     only (io.cachedjobs.project.Project computes it), when the schedule changes and after each
--     run. Projects with an active recurrence made before this migration get theirs at the next
--     start of the service (a CRON expression cannot be read in SQL).
--   last_run_at: the scheduled time of the last run the recurrence made.
ALTER TABLE projects
    ADD COLUMN next_run_at timestamptz,
    ADD COLUMN last_run_at timestamptz;
CREATE INDEX projects_next_run_idx ON projects (next_run_at) WHERE next_run_at IS NOT NULL;
-- Those still to be given a next run (empty once they have): the runner looks at every round.
CREATE INDEX projects_unscheduled_idx ON projects (id)
    WHERE next_run_at IS NULL AND recurrence_status = 'active' AND recurrence <> 'manual';

-- One row per scheduled time a project's recurrence ran: the guard that makes it run once, by one
-- instance, whatever the number of instances and restarts. run_id is the trigger's run (the jobs'
-- cached_jobs.run_id); a run that failed keeps its reason instead, and no run id.
CREATE TABLE project_runs (
    project_id    uuid        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    scheduled_for timestamptz NOT NULL,
    run_id        uuid,
    jobs          integer,
    failure       text,
    created_at    timestamptz NOT NULL,
    CONSTRAINT project_runs_once UNIQUE (project_id, scheduled_for),
    CONSTRAINT project_runs_outcome_check CHECK ((run_id IS NULL) = (jobs IS NULL))
);

-- GET /api/usage: an organisation's finished executions by the time they finished.
CREATE INDEX job_executions_usage_idx ON job_executions (organisation_id, finished_at)
    WHERE finished_at IS NOT NULL;

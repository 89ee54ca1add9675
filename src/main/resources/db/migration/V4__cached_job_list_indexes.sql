-- POST /api/cached-jobs/list filters by project and status and sorts by creation;
-- the aiModels filter asks whether the model arrays overlap (&&), which needs both sides of
-- one array type: Hibernate binds String[] as varchar[].
ALTER TABLE cached_jobs ALTER COLUMN ai_models TYPE varchar[];
CREATE INDEX cached_jobs_project_status_created_idx ON cached_jobs (project_id, status, created_at, id);
CREATE INDEX cached_jobs_project_updated_idx ON cached_jobs (project_id, updated_at, id);
CREATE INDEX cached_jobs_ai_models_idx ON cached_jobs USING gin (ai_models);

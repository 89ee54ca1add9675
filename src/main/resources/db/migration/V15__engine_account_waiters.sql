-- When a claim was last turned away because its account had its most calls in flight: while that
-- is recent, each call that ends brings one of the waiting executions forward (docs/runner.md).
ALTER TABLE engine_accounts ADD COLUMN turned_away_at timestamptz;

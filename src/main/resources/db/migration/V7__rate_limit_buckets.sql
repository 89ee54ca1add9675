-- Rate limits: two token buckets per API key, shared by every instance of the service.
-- per_second holds up to the burst and refills at the per-second rate; per_hour holds up to the
-- hourly limit and refills it evenly over an hour. Levels are fractional because the buckets refill
-- continuously, not in steps. updated_at is when the key last made a call (refused calls included),
-- by the database's clock, the one clock all instances share: it is the key's "last used" time.
-- No foreign key: the keys live in another feature; a bucket is only a counter, and one left
-- behind by a deleted key is never read again.
CREATE TABLE rate_limit_buckets (
    api_key_id uuid             PRIMARY KEY,
    per_second double precision NOT NULL,
    per_hour   double precision NOT NULL,
    updated_at timestamptz      NOT NULL
);

-- Refills both buckets of a key for the time since its last call, then takes one token from each
-- when both hold one: the whole decision in one call, so one round trip per request. The row lock
-- serialises concurrent calls on one key, from any instance. The clock is read once the lock is
-- held, so a call that waited for it refills only up to the moment it decides, and elapsed time
-- is never negative. The limits are arguments, not columns: a changed setting applies at once.
CREATE FUNCTION rate_limit_take(
    key_id uuid,
    refill_per_second double precision,
    burst double precision,
    hourly_limit double precision,
    OUT allowed boolean,
    OUT second_level double precision,
    OUT hour_level double precision)
LANGUAGE plpgsql AS $$
DECLARE
    last_call timestamptz;
    decided_at timestamptz;
    elapsed double precision;
BEGIN
    LOOP
        SELECT b.per_second, b.per_hour, b.updated_at INTO second_level, hour_level, last_call
        FROM rate_limit_buckets b
        WHERE b.api_key_id = key_id
        FOR UPDATE;
        EXIT WHEN FOUND;
        -- A key's first call starts with full buckets. Of two first calls, one inserts; the other
        -- waits for it to commit, inserts nothing, and locks that row on the next turn.
        INSERT INTO rate_limit_buckets (api_key_id, per_second, per_hour, updated_at)
        VALUES (key_id, burst, hourly_limit, clock_timestamp())
        ON CONFLICT (api_key_id) DO NOTHING;
    END LOOP;
    decided_at := clock_timestamp();
    elapsed := greatest(0, extract(epoch FROM decided_at - last_call));
    second_level := least(burst, second_level + elapsed * refill_per_second);
    hour_level := least(hourly_limit, hour_level + elapsed * hourly_limit / 3600);
    allowed := second_level >= 1 AND hour_level >= 1;
    IF allowed THEN
        second_level := second_level - 1;
        hour_level := hour_level - 1;
    END IF;
    UPDATE rate_limit_buckets b
    SET per_second = second_level, per_hour = hour_level, updated_at = decided_at
    WHERE b.api_key_id = key_id;
END
$$;

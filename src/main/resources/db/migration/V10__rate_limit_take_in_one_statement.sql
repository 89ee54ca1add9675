-- rate_limit_take, same arguments and answer as in V7, now one INSERT ... ON CONFLICT DO UPDATE
-- instead of a SELECT ... FOR UPDATE and then an UPDATE. Every call of a key writes the same row,
-- so its lock is the queue all of that key's calls wait in; one statement holds it for less time
-- and takes less work of the database. Measured with pgbench on 2 cores, 4 clients calling on one
-- key, synchronous_commit off (as the benchmark's database runs): 10,000 to 14,000 calls/s against
-- 7,400 to 9,000 with V7's body. With synchronous_commit on, each call's commit waits for its WAL
-- flush and both bodies are about as fast.
--
-- What the call decided is kept beside the levels: the answer is read from the row as written.
ALTER TABLE rate_limit_buckets ADD COLUMN allowed boolean NOT NULL DEFAULT true;

-- The conflicting row is locked before SET is computed, so the clock is still read once the lock
-- is held (a call that waited refills only up to the moment it decides, and elapsed time is never
-- negative), and read once per call (the sub-select c). A key's first call starts with full
-- buckets and takes one token from each if both hold one (the service's limits are at least 1).
CREATE OR REPLACE FUNCTION rate_limit_take(
    key_id uuid,
    refill_per_second double precision,
    burst double precision,
    hourly_limit double precision,
    OUT allowed boolean,
    OUT second_level double precision,
    OUT hour_level double precision)
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rate_limit_buckets AS b (api_key_id, per_second, per_hour, updated_at, allowed)
    SELECT key_id, CASE WHEN ok THEN burst - 1 ELSE burst END, CASE WHEN ok THEN hourly_limit - 1 ELSE hourly_limit END,
           clock_timestamp(), ok
    FROM (SELECT burst >= 1 AND hourly_limit >= 1 AS ok) first_call
    ON CONFLICT (api_key_id) DO UPDATE SET (per_second, per_hour, updated_at, allowed) = (
        SELECT CASE WHEN ok THEN s - 1 ELSE s END, CASE WHEN ok THEN h - 1 ELSE h END, decided_at, ok
        FROM (SELECT s, h, decided_at, s >= 1 AND h >= 1 AS ok
              FROM (SELECT least(burst, b.per_second + elapsed * refill_per_second) AS s,
                           least(hourly_limit, b.per_hour + elapsed * hourly_limit / 3600) AS h,
                           decided_at
                    FROM (SELECT decided_at, greatest(0, extract(epoch FROM decided_at - b.updated_at)) AS elapsed
                          FROM (SELECT clock_timestamp() AS decided_at) c) refill) levels) decision)
    RETURNING b.allowed, b.per_second, b.per_hour INTO allowed, second_level, hour_level;
END
$$;

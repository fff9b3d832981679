-- Issue 14: lag in time, a WAL-budget forecast, guarded pauses.

-- Figures the worker computes with every slot sample, so that every reader (console, CLI, /metrics, the guard) shows
-- the same numbers without recomputing them.
ALTER TABLE slot_sample
    ADD COLUMN lag_seconds               double precision,  -- destination behind source, in seconds (null: not known)
    ADD COLUMN wal_rate_bytes_per_second double precision,  -- the source server's WAL write rate (a held slot grows by it)
    ADD COLUMN wal_budget_bytes          bigint,            -- WAL the slot may still retain before it is lost (null: no limit)
    ADD COLUMN forecast_seconds          double precision,  -- budget / rate: time until the slot is lost (null: no limit, no growth)
    ADD COLUMN wal_dir_bytes             bigint;            -- size of the source's pg_wal on disk (null: not readable)

-- A per-pipe WAL limit for sources with max_slot_wal_keep_size = -1: the forecast then measures pg_wal against it.
ALTER TABLE pipe ADD COLUMN wal_limit_bytes bigint CHECK (wal_limit_bytes IS NULL OR wal_limit_bytes > 0);

-- The guard of a pause (data on the pause, not a state): resume automatically at a time and/or when the WAL budget
-- forecast falls under a margin. Removed by a manual resume, a new pause, or when the guard fires.
CREATE TABLE pause_guard (
    pipe_id              bigint      PRIMARY KEY REFERENCES pipe (id) ON DELETE CASCADE,
    resume_at            timestamptz,
    resume_below_seconds bigint      CHECK (resume_below_seconds IS NULL OR resume_below_seconds > 0),
    set_by               text,
    set_at               timestamptz NOT NULL DEFAULT now(),
    CHECK (resume_at IS NOT NULL OR resume_below_seconds IS NOT NULL)
);

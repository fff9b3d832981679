-- The worker fleet: each worker registers itself and writes a heartbeat. Which pipe a worker runs is still
-- pipe.owner_worker, guarded by the pipe's advisory lock; a worker is alive while its session holds the advisory
-- lock (5260364, lock_key), so a killed worker counts as gone at once, without waiting for its heartbeat to age.
CREATE TABLE worker (
    id            text        PRIMARY KEY,
    lock_key      serial      NOT NULL UNIQUE,
    host          text        NOT NULL,
    version       text        NOT NULL,
    max_pipes     integer     CHECK (max_pipes IS NULL OR max_pipes > 0),   -- null: no limit
    started_at    timestamptz NOT NULL DEFAULT now(),
    heartbeat_at  timestamptz NOT NULL DEFAULT now(),
    pipes_held    integer     NOT NULL DEFAULT 0,
    stopped_at    timestamptz                                              -- set by a clean shutdown
);

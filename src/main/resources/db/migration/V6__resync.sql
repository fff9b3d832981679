-- A resync (the whole pipe copied afresh into shadow tables and swapped in). One row per pipe: `pending` while a
-- requested resync has not been swapped in yet — so a worker that restarts, or a resume after a failure, carries on
-- with the resync instead of streaming from a new slot into the old tables — and, once done, how long the copy took
-- (shown by the console's Resync… confirmation). Past batches and counters stay as they are: history.
CREATE TABLE pipe_resync (
    pipe_id       bigint      PRIMARY KEY REFERENCES pipe (id) ON DELETE CASCADE,
    source_table  text,                  -- null: the whole pipe
    pending       boolean     NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    requested_by  text        NOT NULL,
    last_copy_ms  bigint,
    last_done_at  timestamptz
);

-- A table copied afresh at a consistent point X while the pipe's own slot stayed behind it (a table added by
-- `pipe edit --add-tables`): the copy holds every transaction that committed before X, so the stream must apply a
-- change of that table only when its transaction commits at or after X. Kept until the pipe's confirmed position is
-- past X, so a crash between the copy and that moment still filters correctly; then deleted.
CREATE TABLE pipe_table_floor (
    pipe_id      bigint      NOT NULL REFERENCES pipe (id) ON DELETE CASCADE,
    source_table text        NOT NULL,   -- TableRef.toString(), e.g. public.orders
    floor_lsn    bigint      NOT NULL,
    set_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (pipe_id, source_table)
);

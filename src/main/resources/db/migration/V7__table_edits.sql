-- Tables added to a pipe by `pipe edit --add-tables` (or the console's Edit) whose initial copy has not finished.
-- The edit itself appends them to pipe.tables at once, so every list shows them; a row here tells the worker that
-- runs the pipe next to copy them (status MODIFYING) before they stream with the rest. Removed tables leave
-- pipe.tables at the edit; their destination tables and counters are kept.
CREATE TABLE pipe_table_copy (
    pipe_id           bigint      NOT NULL REFERENCES pipe (id) ON DELETE CASCADE,
    source_table      text        NOT NULL,
    destination_table text        NOT NULL,
    requested_at      timestamptz NOT NULL DEFAULT now(),
    requested_by      text        NOT NULL,
    PRIMARY KEY (pipe_id, source_table)
);

-- Snapshot settings as hosted tools have them: rows per partition (the size of one ctid range), parallel readers
-- per table and tables copied in parallel. A pipe without a row here uses the defaults.
CREATE TABLE snapshot_settings (
    pipe_id              bigint  PRIMARY KEY REFERENCES pipe (id) ON DELETE CASCADE,
    rows_per_partition   bigint  NOT NULL CHECK (rows_per_partition > 0),
    readers_per_table    integer NOT NULL CHECK (readers_per_table > 0),
    tables_in_parallel   integer NOT NULL CHECK (tables_in_parallel > 0)
);

-- PipeDeck catalog: where the console, the CLI and the workers meet.
-- LSNs are stored as bigint (the 64-bit WAL position; Postgres' own LSNs stay below 2^63 in practice).

CREATE TABLE pipe (
    id                     bigserial PRIMARY KEY,
    name                   text        NOT NULL UNIQUE,
    source_url             text        NOT NULL,          -- jdbc:postgresql://host:port/db, credentials removed
    source_user            text,
    source_password_enc    text,                          -- AES-GCM, see SecretBox
    destination_url        text        NOT NULL,          -- clickhouse://user@host:port/db or duckdb:PATH, password removed
    destination_password_enc text,
    tables                 jsonb       NOT NULL,          -- [{"source": "public.orders", "destination": "orders"}]
    batch_size             integer     NOT NULL DEFAULT 100000 CHECK (batch_size > 0),
    sync_interval_ms       integer     NOT NULL DEFAULT 1000 CHECK (sync_interval_ms > 0),
    snapshot_parallelism   integer     NOT NULL DEFAULT 4 CHECK (snapshot_parallelism > 0),
    slot_name              text        NOT NULL UNIQUE,
    publication_name       text        NOT NULL,
    desired_state          text        NOT NULL DEFAULT 'RUNNING' CHECK (desired_state IN ('RUNNING', 'PAUSED', 'DELETED')),
    status                 text        NOT NULL DEFAULT 'SETUP'
        CHECK (status IN ('SETUP', 'SNAPSHOT', 'RUNNING', 'PAUSING', 'PAUSED', 'RESUMING', 'FAILED', 'DELETING')),
    status_reason          text,
    status_changed_at      timestamptz NOT NULL DEFAULT now(),
    last_error             text,
    last_error_at          timestamptz,
    slot_created           boolean     NOT NULL DEFAULT false,
    snapshot_done          boolean     NOT NULL DEFAULT false,
    confirmed_lsn          bigint      NOT NULL DEFAULT 0,
    consistent_lsn         bigint,
    consistent_commit_time timestamptz,
    rows_synced            bigint      NOT NULL DEFAULT 0,
    last_synced_at         timestamptz,
    owner_worker           text,
    owner_since            timestamptz,
    ever_claimed           boolean     NOT NULL DEFAULT false,
    created_at             timestamptz NOT NULL DEFAULT now(),
    created_by             text
);

-- Append-only: kept when a pipe is deleted, so no foreign key.
CREATE TABLE audit_event (
    id          bigserial PRIMARY KEY,
    pipe_id     bigint,
    pipe_name   text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_kind  text        NOT NULL CHECK (actor_kind IN ('CONSOLE', 'CLI', 'ENGINE', 'TEST')),
    actor_user  text,
    actor_host  text,
    action      text        NOT NULL,
    from_state  text,
    to_state    text,
    message     text
);
CREATE INDEX audit_event_pipe_at ON audit_event (pipe_name, at DESC);

CREATE TABLE sync_batch (
    id            bigserial PRIMARY KEY,
    pipe_id       bigint      NOT NULL REFERENCES pipe (id) ON DELETE CASCADE,
    kind          text        NOT NULL CHECK (kind IN ('SNAPSHOT', 'CDC')),
    start_lsn     bigint      NOT NULL,
    end_lsn       bigint      NOT NULL,
    started_at    timestamptz NOT NULL,
    ended_at      timestamptz NOT NULL,
    rows_inserted bigint      NOT NULL DEFAULT 0,
    rows_updated  bigint      NOT NULL DEFAULT 0,
    rows_deleted  bigint      NOT NULL DEFAULT 0,
    rows_by_table jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX sync_batch_pipe_id ON sync_batch (pipe_id, id DESC);

CREATE TABLE table_counter (
    pipe_id            bigint  NOT NULL REFERENCES pipe (id) ON DELETE CASCADE,
    source_table       text    NOT NULL,
    destination_table  text    NOT NULL,
    inserts            bigint  NOT NULL DEFAULT 0,
    updates            bigint  NOT NULL DEFAULT 0,
    deletes            bigint  NOT NULL DEFAULT 0,
    snapshot_rows      bigint  NOT NULL DEFAULT 0,
    snapshot_estimated bigint  NOT NULL DEFAULT 0,
    snapshot_done      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (pipe_id, source_table)
);

CREATE TABLE snapshot_range (
    pipe_id        bigint  NOT NULL REFERENCES pipe (id) ON DELETE CASCADE,
    source_table   text    NOT NULL,
    range_index    integer NOT NULL,
    lower_bound    text,
    upper_bound    text,
    estimated_rows bigint  NOT NULL DEFAULT 0,
    done           boolean NOT NULL DEFAULT false,
    rows_copied    bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (pipe_id, source_table, range_index)
);

CREATE TABLE slot_sample (
    pipe_id             bigint      NOT NULL REFERENCES pipe (id) ON DELETE CASCADE,
    at                  timestamptz NOT NULL,
    slot_exists         boolean     NOT NULL,
    active              boolean     NOT NULL,
    retained_wal_bytes  bigint,
    backlog_bytes       bigint,
    wal_status          text,
    safe_wal_size_bytes bigint,
    max_slot_wal_keep_size_bytes bigint,
    current_lsn         bigint,
    confirmed_lsn       bigint,
    restart_lsn         bigint,
    PRIMARY KEY (pipe_id, at)
);

-- Every status or desired-state change is announced, so consoles and workers learn of it at once.
CREATE FUNCTION notify_pipe_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('pipedeck_pipes', OLD.name);
        RETURN OLD;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status
       OR NEW.desired_state IS DISTINCT FROM OLD.desired_state THEN
        PERFORM pg_notify('pipedeck_pipes', NEW.name);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER pipe_notify AFTER INSERT OR UPDATE OR DELETE ON pipe
    FOR EACH ROW EXECUTE FUNCTION notify_pipe_change();

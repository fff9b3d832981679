-- The lifecycle gains two statuses: MODIFYING (the engine applies an edit made while paused) and RESYNCING (the
-- engine copies a pipe or one table afresh). The audit trail already holds who/when/where/from/to/message, which is
-- all the History section and `pipe history` show, so it needs no new column.
ALTER TABLE pipe DROP CONSTRAINT IF EXISTS pipe_status_check;
ALTER TABLE pipe ADD CONSTRAINT pipe_status_check
    CHECK (status IN ('SETUP', 'SNAPSHOT', 'RUNNING', 'PAUSING', 'PAUSED', 'RESUMING', 'MODIFYING', 'RESYNCING',
                      'FAILED', 'DELETING'));

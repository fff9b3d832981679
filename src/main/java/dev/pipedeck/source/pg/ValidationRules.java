package dev.pipedeck.source.pg;

import dev.pipedeck.change.TableRef;

import java.util.ArrayList;
import java.util.List;

/**
 * The validation verdicts as pure functions of facts read from the server, so each message can be tested without a
 * server in that state (a second server with {@code wal_level=replica} would be costly to start in tests).
 */
public final class ValidationRules {
    private ValidationRules() {}

    /** Server-wide facts. */
    public record ServerFacts(String user, String database, int versionNum, String walLevel, boolean superuser,
                              boolean replicationRole, boolean rdsReplication, boolean canCreateInDatabase,
                              int maxReplicationSlots, int usedReplicationSlots, int maxWalSenders, int usedWalSenders) {}

    /**
     * Facts about one requested table. {@code hasPrimaryKey}: a primary key, or a unique index chosen with
     * {@code REPLICA IDENTITY USING INDEX} (its columns are NOT NULL, so it identifies rows as well).
     */
    public record TableFacts(TableRef table, boolean exists, boolean canSelect, boolean owned, String owner,
                             boolean hasPrimaryKey, boolean replicaIdentityFull, List<String> unsupportedColumns,
                             boolean noReplicaIdentity) {
        /** A table whose replica identity is its primary key, FULL or an index that exists. */
        public TableFacts(TableRef table, boolean exists, boolean canSelect, boolean owned, String owner,
                          boolean hasPrimaryKey, boolean replicaIdentityFull, List<String> unsupportedColumns) {
            this(table, exists, canSelect, owned, owner, hasPrimaryKey, replicaIdentityFull, unsupportedColumns, false);
        }
    }

    public static List<SourceProblem> checkServer(ServerFacts f) {
        List<SourceProblem> out = new ArrayList<>();
        if (f.versionNum() < 120000) {
            out.add(new SourceProblem("The source runs Postgres " + (f.versionNum() / 10000)
                    + "; PipeDeck needs Postgres 12 or later.", "Upgrade the source server."));
        }
        if (!"logical".equals(f.walLevel())) {
            out.add(new SourceProblem("wal_level is '" + f.walLevel() + "'; logical replication needs 'logical'.",
                    "Run ALTER SYSTEM SET wal_level = logical; and restart Postgres "
                            + "(on Amazon RDS/Aurora set rds.logical_replication = 1 in the parameter group)."));
        }
        if (!f.superuser() && !f.replicationRole() && !f.rdsReplication()) {
            out.add(new SourceProblem("User \"" + f.user() + "\" is not allowed to use replication.",
                    "Run ALTER ROLE " + TableRef.quoteIdent(f.user()) + " REPLICATION; (on Amazon RDS: GRANT "
                            + "rds_replication TO " + TableRef.quoteIdent(f.user()) + ";)"));
        }
        if (!f.superuser() && !f.canCreateInDatabase()) {
            out.add(new SourceProblem("User \"" + f.user() + "\" may not create the publication in database "
                    + f.database() + ".", "Run GRANT CREATE ON DATABASE " + TableRef.quoteIdent(f.database()) + " TO "
                    + TableRef.quoteIdent(f.user()) + ";"));
        }
        if (f.maxReplicationSlots() - f.usedReplicationSlots() < 1) {
            out.add(new SourceProblem("All " + f.maxReplicationSlots() + " replication slots (max_replication_slots) "
                    + "are in use; the pipe needs one.", "Drop unused slots (see pg_replication_slots) or raise "
                    + "max_replication_slots and restart Postgres."));
        }
        if (f.maxWalSenders() - f.usedWalSenders() < 1) {
            out.add(new SourceProblem("All " + f.maxWalSenders() + " WAL senders (max_wal_senders) are in use; the "
                    + "pipe needs one.", "Stop unused replication consumers or raise max_wal_senders and restart Postgres."));
        }
        return out;
    }

    public static List<SourceProblem> checkTable(String user, TableFacts f) {
        List<SourceProblem> out = new ArrayList<>();
        TableRef t = f.table();
        if (!f.exists()) {
            out.add(new SourceProblem("Table " + t + " does not exist in the source database.",
                    "Check the schema and table name (names are case-sensitive)."));
            return out;
        }
        if (!f.canSelect()) {
            out.add(new SourceProblem("User \"" + user + "\" cannot read table " + t + ".",
                    "Run GRANT SELECT ON " + t.quoted() + " TO " + TableRef.quoteIdent(user) + ";"));
        }
        if (!f.owned()) {
            out.add(new SourceProblem("User \"" + user + "\" does not own table " + t + ", which Postgres requires to "
                    + "add it to a publication.", "Run GRANT " + TableRef.quoteIdent(f.owner()) + " TO "
                    + TableRef.quoteIdent(user) + "; (membership in the owner role is enough)"));
        }
        if (!f.hasPrimaryKey()) {
            // REPLICA IDENTITY FULL is not enough: a destination keyed on every column keeps one row for identical
            // rows, deletes all of them for one DELETE, and has no key column that may hold NULL.
            out.add(new SourceProblem("Table " + t + " has no primary key, so its rows cannot be told apart in the "
                    + "destination" + (f.replicaIdentityFull() ? " (REPLICA IDENTITY FULL does not help: identical rows "
                    + "would become one)" : "") + ".", "Add a primary key: ALTER TABLE " + t.quoted()
                    + " ADD PRIMARY KEY (...); or, if a unique index on NOT NULL columns identifies the rows, ALTER TABLE "
                    + t.quoted() + " REPLICA IDENTITY USING INDEX <index>;"));
        }
        if (f.hasPrimaryKey() && f.noReplicaIdentity()) {
            // in a publication that publishes updates and deletes, Postgres refuses them on such a table: adding it
            // would break the application's writes, not just the pipe
            out.add(new SourceProblem("Table " + t + " has REPLICA IDENTITY NOTHING (or its replica identity index is "
                    + "gone), so once it is published Postgres would refuse every UPDATE and DELETE on it.",
                    "Run ALTER TABLE " + t.quoted() + " REPLICA IDENTITY DEFAULT; (its primary key then identifies "
                    + "the rows)"));
        }
        for (String col : f.unsupportedColumns()) {
            out.add(new SourceProblem("Column " + col + " of " + t + " has a type that cannot be replicated.",
                    "Change the column's type or leave the table out of the pipe."));
        }
        return out;
    }
}

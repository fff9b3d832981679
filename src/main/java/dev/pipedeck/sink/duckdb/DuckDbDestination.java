package dev.pipedeck.sink.duckdb;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.MetaColumns;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB file. Each destination table holds exactly the source's current rows ({@code _peerdb_is_deleted} is
 * always 0); deletes are remembered with their version in {@code _pipedeck_tombstones_<table>} and truncates in
 * {@code _pipedeck_tables}, so a replayed older change cannot resurrect a row. One apply() is one transaction.
 */
public final class DuckDbDestination implements Destination {
    private static final Logger log = LoggerFactory.getLogger(DuckDbDestination.class);
    private static final Pattern PID = Pattern.compile("PID (\\d+)");

    private final Path path;
    private final Map<TableRef, DuckTable> tables = new LinkedHashMap<>();
    /** Schemas already known to fit their table (identity: the source reuses schema objects). */
    private final Set<TableSchema> knownSchemas = Collections.newSetFromMap(new IdentityHashMap<>());
    private DuckDBConnection conn;
    private DuckDbSchema schema;
    private DuckDbMerge merge;

    public DuckDbDestination(Path path) {
        this.path = path.toAbsolutePath();
    }

    private DuckDBConnection connection() {
        if (conn == null) {
            try {
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                Connection c = DriverManager.getConnection("jdbc:duckdb:" + path);
                conn = c.unwrap(DuckDBConnection.class);
                schema = new DuckDbSchema(conn);
                schema.init();
                conn.setAutoCommit(false);
                conn.commit();
                merge = new DuckDbMerge(conn);
                log.info("Opened DuckDB file {}", path);
            } catch (SQLException e) {
                close();
                throw classify(e, "opening");
            } catch (IOException e) {
                throw PipeDeckException.permanent("Cannot create the directory for DuckDB file " + path + " ("
                        + e.getMessage() + "): check that the path is right and that PipeDeck may write there.", e);
            }
        }
        return conn;
    }

    @Override
    public String check() {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            String v = rs.getString(1);
            conn.commit();
            return "DuckDB " + v + " (" + path + ")";
        } catch (SQLException e) {
            throw classify(e, "checking");
        }
    }

    @Override
    public List<String> refusals(TableSchema schema) {
        return MetaColumns.refusals(schema, "DuckDB", true);
    }

    @Override
    public void prepare(List<TableTarget> targets) {
        inTransaction("preparing tables", () -> {
            for (TableTarget t : targets) {
                tables.put(t.schema().table(), schema.prepare(t));
            }
        });
    }

    @Override
    public void evolve(TableTarget target) {
        inTransaction("adding columns", () -> evolveInside(target));
    }

    private void evolveInside(TableTarget target) throws SQLException {
        DuckTable cur = tables.get(target.schema().table());
        tables.put(target.schema().table(), cur == null ? schema.prepare(target) : schema.evolve(cur, target.schema()));
    }

    @Override
    public void apply(List<RowChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        inTransaction("applying changes", () -> {
            Map<TableRef, List<RowChange>> pending = new LinkedHashMap<>();
            for (RowChange c : changes) {
                TableRef ref = c.schema().table();
                DuckTable t = table(c.schema());
                if (c.kind() == ChangeKind.TRUNCATE) {
                    List<RowChange> before = pending.remove(ref);
                    if (before != null) {
                        merge.apply(t, before);
                    }
                    merge.truncate(t, c.lsn());
                } else {
                    pending.computeIfAbsent(ref, r -> new ArrayList<>()).add(c);
                }
            }
            for (Map.Entry<TableRef, List<RowChange>> e : pending.entrySet()) {
                merge.apply(tables.get(e.getKey()), e.getValue());
            }
        });
    }

    @Override
    public void dropShadow(String shadowTable) {
        inTransaction("dropping resync table " + shadowTable, () -> new DuckDbShadowTables(conn, schema).drop(shadowTable));
    }

    @Override
    public void swapIn(Map<String, String> liveToShadow) {
        inTransaction("swapping in resynced tables", () -> {
            new DuckDbShadowTables(conn, schema).swapIn(liveToShadow);
            tables.entrySet().removeIf(e -> liveToShadow.containsKey(e.getValue().name())
                    || liveToShadow.containsValue(e.getValue().name()));
        });
        merge.forget(); // its remembered versions belong to the tables before the swap
    }

    private DuckTable table(TableSchema s) throws SQLException {
        DuckTable t = tables.get(s.table());
        if (t == null) {
            throw PipeDeckException.permanent("Source table " + s.table() + " was not prepared in DuckDB " + path);
        }
        if (knownSchemas.contains(s)) {
            return t;
        }
        if (s.columns().stream().map(ColumnSpec::name).anyMatch(n -> !t.has(n))) {
            evolveInside(new TableTarget(s, t.name()));
        }
        if (knownSchemas.size() > 10_000) {
            knownSchemas.clear();
        }
        knownSchemas.add(s);
        return tables.get(s.table());
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private void inTransaction(String what, SqlWork work) {
        DuckDBConnection c = connection();
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            if (merge != null) {
                merge.forget();
            }
            try {
                c.rollback();
            } catch (SQLException re) {
                e.addSuppressed(re);
            }
            if (e instanceof PipeDeckException p) {
                throw p;
            }
            if (e instanceof SQLException se) {
                throw classify(se, what);
            }
            throw PipeDeckException.permanent("DuckDB failed while " + what + " in " + path + " (" + e.getMessage()
                    + "). Report it with the PipeDeck log.", e);
        }
    }

    private PipeDeckException classify(SQLException e, String what) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Could not set lock") || m.contains("Conflicting lock")) {
            Matcher pid = PID.matcher(m);
            String holder = pid.find() ? "held by PID " + pid.group(1) : "lock held elsewhere";
            return PipeDeckException.permanent("DuckDB file " + path + " is in use by another process (" + holder
                    + "). Close the other program using it, then resume the pipe.", e);
        }
        String first = m.lines().findFirst().orElse(m);
        if (m.contains("Out of Memory") || (m.contains("IO Error") && !m.contains("Cannot open"))) {
            return new PipeDeckException(FailureKind.TRANSIENT, "DuckDB " + path + " failed while " + what
                    + " (" + first + "). Check the free disk space and memory of this machine.", e);
        }
        return PipeDeckException.permanent("DuckDB " + path + " failed while " + what + ": " + first, e);
    }

    @Override
    public void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException e) {
                log.warn("Closing DuckDB {} failed: {}", path, e.getMessage());
            }
            conn = null;
        }
    }

    @Override
    public String toString() {
        return "DuckDbDestination[" + path + "]";
    }
}

package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.Advice;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination.TableTarget;
import dev.pipedeck.sink.MetaColumns;
import dev.pipedeck.sink.LayoutCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Creates destination tables in the ClickPipe layout, verifies existing ones (never drops them) and adds columns.
 * Works on 18.16, which has no {@code ADD COLUMN IF NOT EXISTS}: we read system.columns first.
 */
final class ChSchemaManager {
    private static final Logger log = LoggerFactory.getLogger(ChSchemaManager.class);
    static final List<String> META = List.of("_peerdb_synced_at", "_peerdb_is_deleted", "_peerdb_version");

    private final ChHttp http;
    private final String database;
    private final ServerVersion version;
    private final ChTypeMapper mapper;
    /** Non-null for a cluster destination: tables are created, checked and altered ON CLUSTER. */
    private final ChClusterLayout cluster;

    ChSchemaManager(ChHttp http, String database, ServerVersion version) {
        this(http, database, version, null);
    }

    ChSchemaManager(ChHttp http, String database, ServerVersion version, ChClusterLayout cluster) {
        this.http = http;
        this.database = database;
        this.version = version;
        this.mapper = new ChTypeMapper(version);
        this.cluster = cluster;
    }

    String qualified(String table) {
        return ChTable.ident(database) + "." + ChTable.ident(table);
    }

    ChTable prepare(TableTarget target) {
        TableSchema schema = target.schema();
        String table = target.destinationTable();
        List<String> keys = schema.keyColumns().stream().map(ColumnSpec::name).toList();
        if (keys.isEmpty()) {
            throw PipeDeckException.permanent("Source table " + schema.table() + " has no primary key; ClickHouse "
                    + "table " + table + " needs one to deduplicate. Add a primary key to the source table.");
        }
        List<String> refused = refusals(schema);
        if (!refused.isEmpty()) {
            throw PipeDeckException.permanent(String.join(" ", refused));
        }
        List<ChColumn> columns = schema.columns().stream().map(mapper::map).toList();
        Map<String, String> existing = columns(table);
        if (existing.isEmpty()) {
            create(table, columns, keys);
            return new ChTable(table, columns, keys);
        }
        verify(table, keys, existing);
        return addMissing(schema.table(), new ChTable(table, List.of(), keys), columns, existing);
    }

    /** Why an existing table cannot take {@code target} (as {@link #prepare} would fail); empty when absent or fine. */
    List<String> conflicts(TableTarget target) {
        List<String> keys = target.schema().keyColumns().stream().map(ColumnSpec::name).toList();
        Map<String, String> existing = columns(target.destinationTable());
        if (existing.isEmpty() || keys.isEmpty()) {
            return List.of(); // nothing there yet; a table without a key is the source check's to report
        }
        try {
            verify(target.destinationTable(), keys, existing);
            return List.of();
        } catch (PipeDeckException e) {
            if (e.kind() != FailureKind.PERMANENT) {
                throw e;
            }
            return List.of(e.getMessage());
        }
    }

    /**
     * Columns PipeDeck cannot write to ClickHouse: arrays declared with more than one dimension ({@code int[][]}).
     * ClickHouse has nested arrays, but PipeDeck's ClickHouse encoding writes one level only.
     */
    static List<String> refusals(TableSchema schema) {
        List<String> out = new ArrayList<>(MetaColumns.refusals(schema, "ClickHouse", false));
        for (ColumnSpec c : schema.columns()) {
            if (c.arrayDimensions() > 1) {
                out.add("Column " + c.name() + " of " + schema.table() + " is a " + c.arrayDimensions()
                        + "-dimensional array (" + c.typeName() + "), which PipeDeck cannot write to ClickHouse: "
                        + "leave the table out of the pipe, or replicate it to DuckDB, which takes nested lists.");
            }
        }
        return out;
    }

    /** Adds the source's new columns; columns the source dropped stay in the destination (and in the plan). */
    ChTable evolve(ChTable current, TableSchema schema) {
        List<String> refused = refusals(schema);
        if (!refused.isEmpty()) {
            throw PipeDeckException.permanent(String.join(" ", refused));
        }
        Map<String, String> existing = columns(current.name());
        if (existing.isEmpty()) {
            throw PipeDeckException.permanent("ClickHouse table " + database + "." + current.name()
                    + " has disappeared (dropped outside PipeDeck), and the rows it held with it: " + Advice.resync(null) + ".");
        }
        // a column the pipe has been writing that the table no longer has was dropped in ClickHouse by someone: adding
        // it back would leave every row already there without its value (NULL) while the pipe looks healthy
        List<String> dropped = current.columns().stream().map(ChColumn::name).filter(n -> !existing.containsKey(n)).toList();
        if (!dropped.isEmpty()) {
            throw PipeDeckException.permanent((dropped.size() == 1 ? "Column " + dropped.get(0) + " was" : "Columns "
                    + String.join(", ", dropped) + " were") + " dropped from ClickHouse table " + database + "."
                    + current.name() + " outside PipeDeck: the rows already there lost those values, so PipeDeck does not "
                    + "add the column back by itself. To copy the table afresh, " + Advice.resync(null) + ".");
        }
        // columns the schema lacks keep their spec: the schema may be older than the table (changes from before an
        // ADD COLUMN, read after a resume or replayed), and such rows predate the column; the others take the
        // schema's (a column whose type changed is written as its new type, or refused in addMissing)
        List<ChColumn> wanted = new ArrayList<>();
        for (ChColumn c : current.columns()) {
            int i = schema.indexOf(c.name());
            wanted.add(i < 0 ? c : mapper.map(schema.columns().get(i)));
        }
        for (ColumnSpec spec : schema.columns()) {
            if (!current.has(spec.name())) {
                wanted.add(mapper.map(spec));
            }
        }
        return addMissing(schema.table(), new ChTable(current.name(), List.of(), current.keys()), wanted, existing);
    }

    private ChTable addMissing(TableRef source, ChTable base, List<ChColumn> wanted, Map<String, String> existing) {
        List<ChColumn> result = new ArrayList<>();
        for (ChColumn c : wanted) {
            String have = existing.get(c.name());
            if (have == null) {
                // new columns are added Nullable so rows written before them read as NULL, not a made-up default
                ChColumn add = c.nullable() ? c : new ChColumn(c.name(), "Nullable(" + c.type() + ")",
                        c.encoding(), c.element(), true, c.spec());
                if (c.encoding() == ChColumn.Encoding.ARRAY) {
                    add = c;
                }
                // rows older than the column take the value Postgres gives them (ADD COLUMN ... DEFAULT constant):
                // ClickHouse computes a column's DEFAULT for parts written before the column existed
                String older = ChLiteral.of(add, c.spec().existingRowsValue());
                String ddl = add.type() + (older == null ? "" : " DEFAULT " + older);
                if (cluster != null) {
                    cluster.addColumn(base.name(), ChTable.ident(c.name()) + " " + ddl);
                } else {
                    http.query("ALTER TABLE " + qualified(base.name()) + " ADD COLUMN " + ChTable.ident(c.name())
                            + " " + ddl, base.name());
                }
                log.info("Added column {} {} to ClickHouse table {}.{}", c.name(), ddl, database, base.name());
                result.add(add);
            } else {
                have = typeChange(source, base.name(), c, have);
                // trust the table's own nullability: it decides whether NULL is written as \N or as a default
                boolean nullable = have.startsWith("Nullable(");
                result.add(new ChColumn(c.name(), have, c.encoding(), c.element(), nullable, c.spec()));
            }
        }
        return new ChTable(base.name(), result, base.keys());
    }

    private static final List<String> INTEGERS = List.of("Int8", "Int16", "Int32", "Int64");

    private static String baseType(String type) {
        return type.startsWith("Nullable(") ? type.substring(9, type.length() - 1) : type;
    }

    /**
     * A source column whose type changed ({@code ALTER COLUMN ... TYPE}) into one its destination column cannot
     * hold: an integer column is widened ({@code MODIFY COLUMN}, lossless: ClickHouse would otherwise wrap a bigint
     * around into Int32); any other change of an integer or Decimal column is a PERMANENT error saying to resync
     * the table. Columns of other types (String takes any text form) are written as they are. Returns the type the
     * column has now.
     */
    private String typeChange(TableRef source, String table, ChColumn c, String have) {
        String was = baseType(have);
        String wants = baseType(c.type());
        boolean integer = INTEGERS.contains(was);
        if (was.equals(wants) || !(integer || was.startsWith("Decimal("))
                || integer && INTEGERS.contains(wants) && INTEGERS.indexOf(wants) < INTEGERS.indexOf(was)) {
            // a narrower integer fits (changes from before a widening, replayed or read after a resume)
            return have;
        }
        boolean widening = integer && INTEGERS.indexOf(wants) > INTEGERS.indexOf(was);
        if (!widening || c.spec().isKey() || cluster != null) {
            throw PipeDeckException.permanent("Column " + c.name() + " of " + source + " changed its type at the source"
                    + " to " + c.spec().typeName() + ", which column " + c.name() + " of ClickHouse table " + table + " ("
                    + have + ") cannot hold" + (widening ? " and PipeDeck cannot widen here (a key column, or a cluster)"
                    : "") + ". To have it created with the new type, " + Advice.resyncTable(null, source) + ".");
        }
        String now = have.startsWith("Nullable(") ? "Nullable(" + wants + ")" : wants;
        http.query("ALTER TABLE " + qualified(table) + " MODIFY COLUMN " + ChTable.ident(c.name()) + " " + now, table);
        log.info("Widened column {} of ClickHouse table {}.{} from {} to {}", c.name(), database, table, have, now);
        return now;
    }

    private void create(String table, List<ChColumn> columns, List<String> keys) {
        String synced = version.hasDateTime64() ? "DateTime64(9) DEFAULT now64()" : "DateTime DEFAULT now()";
        String cols = columns.stream().map(c -> ChTable.ident(c.name()) + " " + c.type())
                .collect(Collectors.joining(", "));
        if (cluster != null) {
            List<ChColumn> keyColumns = keys.stream().map(k -> columns.stream().filter(c -> c.name().equals(k))
                    .findFirst().orElseThrow()).toList();
            cluster.create(table, cols + ", `_peerdb_synced_at` " + synced
                    + ", `_peerdb_is_deleted` Int8, `_peerdb_version` Int64", keyColumns);
            return;
        }
        String order = keys.stream().map(ChTable::ident).collect(Collectors.joining(", "));
        String sql = "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (" + cols
                + ", `_peerdb_synced_at` " + synced + ", `_peerdb_is_deleted` Int8, `_peerdb_version` Int64)"
                + " ENGINE = ReplacingMergeTree(`_peerdb_version`) ORDER BY (" + order + ")";
        http.query(sql, table);
        log.info("Created ClickHouse table {}.{}", database, table);
    }

    private void verify(String table, List<String> keys, Map<String, String> existing) {
        if (cluster != null) {
            List<String> problems = new ArrayList<>(cluster.problems(table, keys));
            problems.addAll(LayoutCheck.missingColumns(keys, META, existing));
            incompatible(table, problems);
            return;
        }
        String row = http.query("SELECT engine, engine_full, sorting_key FROM system.tables WHERE database = "
                + ChTable.literal(database) + " AND name = " + ChTable.literal(table) + " FORMAT TabSeparated", table);
        String[] f = row.strip().split("\t", -1);
        String engine = f[0];
        String engineFull = f.length > 1 ? f[1] : "";
        String sortingKey = f.length > 2 ? f[2] : "";
        List<String> problems = new ArrayList<>();
        if (!engine.endsWith("ReplacingMergeTree")) {
            problems.add("its engine is " + engine + ", expected ReplacingMergeTree(_peerdb_version)");
        } else if (!engineFull.replace("`", "").contains("(_peerdb_version")) {
            problems.add("its ReplacingMergeTree does not use _peerdb_version as the version column");
        }
        String wantOrder = String.join(",", keys);
        if (!sortingKey.replace("`", "").replace(" ", "").equals(wantOrder.replace(" ", ""))) {
            problems.add("it is ordered by (" + sortingKey + "), expected (" + String.join(", ", keys) + ")");
        }
        problems.addAll(LayoutCheck.missingColumns(keys, META, existing));
        incompatible(table, problems);
    }

    private void incompatible(String table, List<String> problems) {
        if (!problems.isEmpty()) {
            throw PipeDeckException.permanent("ClickHouse table " + database + "." + table
                    + " already exists and is not compatible: " + String.join("; ", problems)
                    + ". PipeDeck does not drop tables: rename or drop it yourself, or choose another destination table.");
        }
    }

    /** name → type of the table's columns, empty when the table does not exist. */
    Map<String, String> columns(String table) {
        String body = http.query("SELECT name, type FROM system.columns WHERE database = " + ChTable.literal(database)
                + " AND table = " + ChTable.literal(table) + " FORMAT TabSeparated", table);
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                int tab = line.indexOf('\t');
                result.put(TsvText.unescape(line.substring(0, tab)), TsvText.unescape(line.substring(tab + 1)));
            }
        }
        return result;
    }

}

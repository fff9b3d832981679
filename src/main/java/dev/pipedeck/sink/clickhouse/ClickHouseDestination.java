package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.ChangeKind;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.CopyTextRows;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.RowChange;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.sink.Destination;
import dev.pipedeck.sink.DestinationUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * ClickHouse over its HTTP interface, in the hosted-ClickPipe layout: one ReplacingMergeTree(_peerdb_version) table
 * per source table; deletes are rows with {@code _peerdb_is_deleted = 1}; read with
 * {@code SELECT ... FROM t FINAL WHERE _peerdb_is_deleted = 0}. Every apply() sends one INSERT per table (plus one
 * INSERT ... SELECT per TRUNCATE), so replays are harmless: the same rows carry the same versions. Tables with float
 * columns are inserted as RowBinary, the others as TabSeparated (see {@link InsertBody.Format#forColumns}).
 * {@link #apply} may run on several threads at once (the initial copy writes its
 * ranges in parallel); preparing and evolving tables is serialised.
 */
public final class ClickHouseDestination implements Destination {
    private static final Logger log = LoggerFactory.getLogger(ClickHouseDestination.class);

    private final DestinationUrl url;
    private final ChHttp http;
    private final Map<TableRef, ChTable> tables = new ConcurrentHashMap<>();
    private final Set<TableSchema> knownSchemas = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile ServerVersion version;
    private volatile ChSchemaManager schemas;

    public ClickHouseDestination(DestinationUrl url) {
        this(url, Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofMinutes(10));
    }

    public ClickHouseDestination(DestinationUrl url, Duration connectTimeout, Duration queryTimeout,
                                 Duration insertTimeout) {
        this(url, connectTimeout, queryTimeout, insertTimeout, null);
    }

    /**
     * With explicit timeouts (connect; per statement; per insert, covering the whole streamed body) and, for
     * {@code clickhouses://}, the SSLContext to trust the server with (null: the JVM's default trust store).
     */
    public ClickHouseDestination(DestinationUrl url, Duration connectTimeout, Duration queryTimeout,
                                 Duration insertTimeout, javax.net.ssl.SSLContext sslContext) {
        if (!url.isClickHouse()) {
            throw new IllegalArgumentException("not a ClickHouse URL: " + url);
        }
        this.url = url;
        this.http = new ChHttp(url, connectTimeout, queryTimeout, insertTimeout, sslContext);
    }

    /** The server version, known after {@link #check()} or {@link #prepare}. */
    public ServerVersion serverVersion() {
        connect();
        return version;
    }

    @Override
    public boolean concurrentApply() {
        return true;
    }

    @Override
    public synchronized String check() {
        version = ServerVersion.parse(http.query("SELECT version()", null));
        String n = http.query("SELECT count() FROM system.databases WHERE name = " + ChTable.literal(url.database()), null);
        if (!n.strip().equals("1")) {
            throw PipeDeckException.permanent("ClickHouse database " + url.database() + " does not exist on "
                    + http.endpoint() + ". Create it (CREATE DATABASE " + url.database() + ") or fix the destination URL.");
        }
        if (url.isCluster()) {
            ChClusterLayout cluster = new ChClusterLayout(http, url.cluster(), url.database());
            cluster.validate();
            schemas = new ChSchemaManager(http, url.database(), version, cluster);
            return "ClickHouse " + version + ", cluster " + url.cluster();
        }
        schemas = new ChSchemaManager(http, url.database(), version);
        return "ClickHouse " + version;
    }

    private synchronized void connect() {
        if (schemas == null) {
            String v = check();
            log.info("Connected to {} at {}", v, url);
        }
    }

    @Override
    public List<String> refusals(TableSchema schema) {
        return ChSchemaManager.refusals(schema);
    }

    @Override
    public synchronized List<String> conflicts(TableTarget target) {
        connect();
        return schemas.conflicts(target);
    }

    @Override
    public synchronized void prepare(List<TableTarget> targets) {
        connect();
        for (TableTarget t : targets) {
            tables.put(t.schema().table(), schemas.prepare(t));
        }
    }

    @Override
    public synchronized void evolve(TableTarget target) {
        connect();
        ChTable current = tables.get(target.schema().table());
        tables.put(target.schema().table(), current == null ? schemas.prepare(target)
                : schemas.evolve(current, target.schema()));
    }

    @Override
    public void apply(List<RowChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        connect();
        Map<TableRef, List<RowChange>> pending = new LinkedHashMap<>();
        TableSchema lastSchema = null;
        ChTable table = null;
        for (RowChange c : changes) {
            TableRef ref = c.schema().table();
            if (c.schema() != lastSchema) { // rows of one table share their schema object: look it up once per run
                lastSchema = c.schema();
                table = table(lastSchema);
            }
            if (c.kind() == ChangeKind.TRUNCATE) {
                List<RowChange> before = pending.remove(ref);
                if (before != null) {
                    insert(tables.get(ref), before);
                }
                truncate(table, c.lsn());
            } else {
                pending.computeIfAbsent(ref, r -> new ArrayList<>()).add(c);
            }
        }
        for (Map.Entry<TableRef, List<RowChange>> e : pending.entrySet()) {
            insert(tables.get(e.getKey()), e.getValue());
        }
    }

    /**
     * Yes for a table inserted as TabSeparated whose columns are exactly the source's (see
     * {@link CopyTextTranscoder#forTable}).
     */
    @Override
    public boolean takesCopyText(TableSchema schema) {
        connect();
        ChTable t = tables.get(schema.table());
        return t != null && CopyTextTranscoder.forTable(t, schema) != null;
    }

    /** One INSERT of the chunks' lines, transcoded while the body is sent. */
    @Override
    public void applyCopyText(List<CopyTextRows> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        connect();
        TableSchema schema = chunks.get(0).schema();
        ChTable table = table(schema);
        CopyTextTranscoder transcoder = CopyTextTranscoder.forTable(table, schema);
        if (transcoder == null) {
            // the table changed since takesCopyText said yes: the row-by-row way
            List<RowChange> rows = new ArrayList<>();
            chunks.forEach(c -> rows.addAll(c.toRows()));
            apply(rows);
            return;
        }
        String cols = transcoder.columns().stream().map(c -> ChTable.ident(c.name())).collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + schemas.qualified(table.name()) + " (" + cols
                + ", `_peerdb_is_deleted`, `_peerdb_version`) FORMAT TabSeparated";
        long start = System.nanoTime();
        http.insert(sql, () -> {
            try {
                return new CopyTextBody(transcoder, chunks, table.name(), url.gzip());
            } catch (IOException e) {
                throw new UncheckedIOException(e); // gzip header into memory: cannot happen
            }
        }, url.gzip(), table.name());
        if (log.isDebugEnabled()) {
            log.debug("Inserted {} snapshot rows into {} from COPY text in {} ms",
                    chunks.stream().mapToInt(CopyTextRows::rows).sum(), table.name(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The prepared table for a row's schema, adding columns first when the schema is newer than the table. */
    private synchronized ChTable table(TableSchema schema) {
        ChTable t = tables.get(schema.table());
        if (t == null) {
            throw PipeDeckException.permanent("Source table " + schema.table() + " was not prepared in ClickHouse");
        }
        if (!knownSchemas.contains(schema)) {
            if (schema.columns().stream().anyMatch(c -> t.columns().stream().noneMatch(have -> sameType(have, c)))) {
                evolve(new TableTarget(schema, t.name()));
            }
            if (knownSchemas.size() > 10_000) {
                knownSchemas.clear();
            }
            knownSchemas.add(schema);
        }
        return tables.get(schema.table());
    }

    /** The table's column {@code c} as it was prepared: same name, same source type (else it is new or changed type). */
    private static boolean sameType(ChColumn have, ColumnSpec c) {
        return have.name().equals(c.name()) && have.spec().family() == c.family()
                && Objects.equals(have.spec().typeName(), c.typeName());
    }

    private void insert(ChTable table, List<RowChange> rows) {
        InsertBody.Format format = InsertBody.Format.forColumns(table.columns());
        String cols = table.columns().stream().map(c -> ChTable.ident(c.name())).collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + schemas.qualified(table.name()) + " (" + cols
                + ", `_peerdb_is_deleted`, `_peerdb_version`) FORMAT " + format.sqlName;
        long start = System.nanoTime();
        http.insert(sql, () -> newBody(format, table, rows), url.gzip(), table.name());
        log.debug("Inserted {} rows into {} ({}) in {} ms", rows.size(), table.name(), format.sqlName,
                (System.nanoTime() - start) / 1_000_000);
    }

    private InsertBody newBody(InsertBody.Format format, ChTable table, List<RowChange> rows) {
        try {
            return new InsertBody(format, table.columns(), rows, table.name(), url.gzip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // gzip header into memory: cannot happen
        }
    }

    /**
     * A truncate marks every visible row deleted at the truncate's version (rows written later have higher versions
     * and stay; replaying the truncate does not hide them because only older rows are selected).
     */
    private void truncate(ChTable table, long lsn) {
        String keys = table.keys().stream().map(ChTable::ident).collect(Collectors.joining(", "));
        String q = schemas.qualified(table.name());
        http.query("INSERT INTO " + q + " (" + keys + ", `_peerdb_is_deleted`, `_peerdb_version`) SELECT " + keys
                + ", toInt8(1), toInt64(" + lsn + ") FROM " + q + " FINAL WHERE `_peerdb_is_deleted` = 0 AND "
                + "`_peerdb_version` < " + lsn, table.name());
    }

    @Override
    public void dropShadow(String shadowTable) {
        connect();
        new ChShadowTables(http, url.database()).drop(shadowTable);
    }

    @Override
    public void swapIn(Map<String, String> liveToShadow) {
        connect();
        new ChShadowTables(http, url.database()).swapIn(liveToShadow);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ClickHouseDestination[" + url + "]";
    }
}

package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.CanonicalText;
import dev.pipedeck.change.ColumnSpec;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.DestinationUrl;
import dev.pipedeck.sink.RowFingerprints;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deduplicated view of a ClickHouse table ({@code FINAL}, deletes left out) as key → fingerprint. */
public final class ChRowFingerprints implements RowFingerprints {
    private final DestinationUrl url;
    private final ChHttp http;

    public ChRowFingerprints(DestinationUrl url) {
        this.url = url;
        this.http = new ChHttp(url, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(5), null);
    }

    @Override
    public Map<String, String> read(String table, TableSchema schema, List<String> columns, int keyCount, String rangeKey,
                                    Long afterExcl, Long uptoIncl) {
        List<TypeFamily> families = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = schema.columns().get(schema.indexOf(columns.get(i)));
            families.add(c.family());
            String id = ChTable.ident(c.name());
            sql.append(i == 0 ? "" : ", ").append(c.family() == TypeFamily.BYTEA ? "hex(" + id + ")" : id);
        }
        sql.append(" FROM ").append(ChTable.ident(url.database())).append('.').append(ChTable.ident(table))
                .append(" FINAL WHERE _peerdb_is_deleted = 0");
        if (rangeKey != null && afterExcl != null) {
            sql.append(" AND ").append(ChTable.ident(rangeKey)).append(" > ").append(afterExcl);
        }
        if (rangeKey != null && uptoIncl != null) {
            sql.append(" AND ").append(ChTable.ident(rangeKey)).append(" <= ").append(uptoIncl);
        }
        sql.append(" FORMAT TabSeparated");
        String body = http.query(sql.toString(), table);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            List<String> canonical = new ArrayList<>(f.length);
            for (int i = 0; i < f.length; i++) {
                String raw = f[i].equals("\\N") ? null : TsvText.unescape(f[i]);
                canonical.add(CanonicalText.of(families.get(i), raw));
            }
            out.put(String.join(",", canonical.subList(0, keyCount)), CanonicalText.fingerprint(canonical));
        }
        return out;
    }

    @Override
    public void close() {
        http.close();
    }
}

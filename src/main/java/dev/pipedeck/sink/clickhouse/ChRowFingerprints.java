package dev.pipedeck.sink.clickhouse;

import dev.pipedeck.change.FingerprintQuery;
import dev.pipedeck.change.TableSchema;
import dev.pipedeck.change.TypeFamily;
import dev.pipedeck.sink.DestinationUrl;
import dev.pipedeck.sink.RowFingerprints;

import java.time.Duration;
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
        FingerprintQuery q = new FingerprintQuery(schema, columns, keyCount, ChTable::ident,
                (family, id) -> family == TypeFamily.BYTEA ? "hex(" + id + ")" : id);
        String sql = q.sql(ChTable.ident(url.database()) + "." + ChTable.ident(table) + " FINAL", "_peerdb_is_deleted = 0",
                rangeKey, afterExcl, uptoIncl) + " FORMAT TabSeparated";
        String body = http.query(sql, table);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            q.add(out, i -> f[i].equals("\\N") ? null : TsvText.unescape(f[i]));
        }
        return out;
    }

    @Override
    public void close() {
        http.close();
    }
}

package dev.pipedeck.control;

import dev.pipedeck.catalog.SecretBox;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.PipeDeckException;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.engine.ConnectionChecks;
import dev.pipedeck.source.pg.PostgresSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-create checks: what the source and destination checks say, prefixed, and without passwords. */
class ConnectionPipeChecksTest {
    /** A stand-in for the engine's checks that answers like a misconfigured server would (and echoes URLs, carelessly). */
    static class ScriptedChecks implements ConnectionChecks {
        final List<List<TableRef>> askedTables = new ArrayList<>();

        @Override
        public List<String> checkSource(String url, List<TableRef> tables) {
            askedTables.add(tables);
            return List.of("wal_level is replica: set wal_level = logical and restart (" + url + ")");
        }

        @Override
        public List<PostgresSource.TableInfo> listTables(String url) {
            return List.of();
        }

        @Override
        public String checkDestination(String url) {
            throw PipeDeckException.permanent("ClickHouse at " + url + " refused the login");
        }
    }

    @Test
    void reportsSourceAndDestinationProblemsWithoutPasswords() {
        ScriptedChecks engine = new ScriptedChecks();
        PipeSpec spec = new PipeSpec("p", "jdbc:postgresql://h/db?user=u&password=SrcPw1", "clickhouse://default:DstPw2@ch:8123/db",
                TableMapping.parseList("public.orders,public.items:line_items"), 10, Duration.ofSeconds(1), 1);
        List<String> problems = new ConnectionPipeChecks(engine).problems(spec);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("source: wal_level is replica"), problems.get(0));
        assertTrue(problems.get(1).startsWith("destination: ClickHouse at"), problems.get(1));
        assertTrue(problems.stream().noneMatch(p -> p.contains("SrcPw1") || p.contains("DstPw2")), problems.toString());
        assertEquals(List.of(List.of(new TableRef("public", "orders"), new TableRef("public", "items"))), engine.askedTables);
    }
}

package dev.pipedeck.console.datasources;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.TaskRunner;
import dev.pipedeck.engine.ConnectionChecks;
import dev.pipedeck.source.pg.PostgresSource;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The New pipe form's Cluster field becomes {@code ?cluster=NAME} on the ClickHouse URL, and is what Test checks. */
class NewPipeClusterFieldTest {
    private final List<String> checked = new ArrayList<>();

    private NewPipeViewModel vm() {
        ConnectionChecks checks = new ConnectionChecks() {
            @Override
            public List<String> checkSource(String url, List<TableRef> tables) {
                return List.of();
            }

            @Override
            public List<PostgresSource.TableInfo> listTables(String url) {
                return List.of();
            }

            @Override
            public String checkDestination(String url) {
                checked.add(url);
                return "ClickHouse 18.16.1, cluster analytics";
            }
        };
        return new NewPipeViewModel(checks, (spec, actor) -> null, TaskRunner.SAME_THREAD, new ConsoleState(ZoneOffset.UTC),
                new Actor(Actor.Kind.CONSOLE, "alice", "laptop"));
    }

    @Test
    void clusterIsAddedToTheClickHouseUrl() {
        NewPipeViewModel vm = vm();
        vm.clickhouseUrlProperty().set("clickhouse://u:pw@ch:8123/db");
        assertEquals("clickhouse://u:pw@ch:8123/db", vm.destinationUrl(), "blank: a single server");
        vm.clusterProperty().set(" analytics ");
        assertEquals("clickhouse://u:pw@ch:8123/db?cluster=analytics", vm.destinationUrl());
        vm.clickhouseUrlProperty().set("clickhouse://u:pw@ch:8123/db?compress=gzip");
        assertEquals("clickhouse://u:pw@ch:8123/db?compress=gzip&cluster=analytics", vm.destinationUrl());
        vm.clickhouseUrlProperty().set("clickhouse://u:pw@ch:8123/db?cluster=other");
        assertEquals("clickhouse://u:pw@ch:8123/db?cluster=other", vm.destinationUrl(), "the URL's own cluster wins");
        vm.duckdbProperty().set(true);
        vm.duckdbPathProperty().set("/tmp/x.duckdb");
        assertEquals("duckdb:/tmp/x.duckdb", vm.destinationUrl());
    }

    @Test
    void testDestinationChecksTheClusterUrl() {
        NewPipeViewModel vm = vm();
        vm.clickhouseUrlProperty().set("clickhouse://u:pw@ch:8123/db");
        vm.clusterProperty().set("analytics");
        vm.testDestination();
        assertEquals(List.of("clickhouse://u:pw@ch:8123/db?cluster=analytics"), checked);
        assertEquals("Connected: ClickHouse 18.16.1, cluster analytics.", vm.destinationResultProperty().get());
    }
}

package dev.pipedeck.console.datasources;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.PipeStatus;
import dev.pipedeck.catalog.SnapshotSettings;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.console.Fixtures;
import dev.pipedeck.console.common.ConsoleState;
import dev.pipedeck.console.common.TaskRunner;
import dev.pipedeck.engine.ConnectionChecks;
import dev.pipedeck.control.PipeChecksFailedException;
import dev.pipedeck.control.PipeSpec;
import dev.pipedeck.source.pg.PostgresSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NewPipeViewModelTest {
    private final List<PipeSpec> created = new ArrayList<>();
    private final ConsoleState state = new ConsoleState(ZoneOffset.UTC);
    private List<String> problems = List.of();

    private final ConnectionChecks checks = new ConnectionChecks() {
        @Override
        public List<String> checkSource(String url, List<TableRef> tables) {
            return problems;
        }

        @Override
        public List<PostgresSource.TableInfo> listTables(String url) {
            return List.of(new PostgresSource.TableInfo(new TableRef("public", "orders"), true, false, 48_210),
                    new PostgresSource.TableInfo(new TableRef("public", "audit_log"), false, false, 900));
        }

        @Override
        public String checkDestination(String url) {
            return "DuckDB 1.4.4";
        }

        @Override
        public List<String> checkTables(String sourceUrl, List<TableRef> tables, String destinationUrl) {
            return tables.stream().filter(t -> t.name().equals("orders"))
                    .map(t -> "Column m of " + t + " cannot go there.").toList();
        }
    };

    private NewPipeViewModel vm(NewPipeViewModel.PipeCreator creator) {
        return new NewPipeViewModel(checks, creator, TaskRunner.SAME_THREAD, state, new Actor(Actor.Kind.CONSOLE, "alice", "laptop"));
    }

    private NewPipeViewModel vm() {
        return vm((spec, actor) -> {
            created.add(spec);
            return Fixtures.pipe(spec.name(), PipeStatus.SETUP);
        });
    }

    @Test
    void testConnectionListsTablesAndMarksThoseWithoutAKey() {
        NewPipeViewModel vm = vm();
        vm.testSource();
        assertEquals(2, vm.tables().size());
        assertTrue(vm.tables().get(0).selectedProperty().get());
        assertFalse(vm.tables().get(1).selectedProperty().get(), "no primary key: not chosen by default");
        assertEquals("public.audit_log (~900 rows) — no primary key: add one to replicate it", vm.tables().get(1).label());
        assertEquals("Source ready: 2 tables, 1 without a primary key.", vm.sourceResultProperty().get());
    }

    @Test
    void sourceProblemsAreListedEachWithItsFix() {
        problems = List.of("wal_level is replica: set wal_level = logical and restart the server",
                "user replicator lacks REPLICATION: ALTER ROLE replicator REPLICATION");
        NewPipeViewModel vm = vm();
        vm.testSource();
        assertEquals(problems, vm.sourceProblems());
        assertEquals("2 problems to fix before creating the pipe:", vm.sourceResultProperty().get());
    }

    @Test
    void destinationTest() {
        NewPipeViewModel vm = vm();
        vm.duckdbProperty().set(true);
        vm.duckdbPathProperty().set("/tmp/a.duckdb");
        vm.testDestination();
        assertEquals("Connected: DuckDB 1.4.4.", vm.destinationResultProperty().get());
    }

    @Test
    void destinationTestNamesTheChosenTablesColumnsItCannotHold() {
        NewPipeViewModel vm = vm();
        vm.testSource(); // lists the tables; public.orders is chosen
        vm.duckdbProperty().set(true);
        vm.duckdbPathProperty().set("/tmp/a.duckdb");
        vm.testDestination();
        assertEquals("Connected: DuckDB 1.4.4. Column m of public.orders cannot go there.",
                vm.destinationResultProperty().get());
    }

    @Test
    void createSendsTheFormAndOpensThePipe() {
        NewPipeViewModel vm = vm();
        assertFalse(vm.canCreate().get());
        vm.testSource();
        vm.nameProperty().set("shop-orders");
        assertTrue(vm.canCreate().get());
        vm.sourceUrlProperty().set("jdbc:postgresql://db:5432/shop?user=u&password=p");
        vm.duckdbProperty().set(true);
        vm.duckdbPathProperty().set("/tmp/shop.duckdb");
        vm.batchSizeProperty().set("5,000");
        vm.syncIntervalSecondsProperty().set("10");
        vm.create();
        assertEquals(1, created.size());
        PipeSpec spec = created.get(0);
        assertEquals("shop-orders", spec.name());
        assertEquals("duckdb:/tmp/shop.duckdb", spec.destinationUrl());
        assertEquals(List.of("public.orders"), spec.tables().stream().map(t -> t.source().toString()).toList());
        assertEquals(5000, spec.batchSize());
        assertEquals(Duration.ofSeconds(10), spec.syncInterval());
        assertEquals(SnapshotSettings.defaults(), spec.snapshot(), "Advanced left alone: the defaults");
        assertTrue(vm.createdProperty().get());
        assertEquals("shop-orders", state.selectedPipe());
    }

    @Test
    void refusedCreateKeepsTheDialogOpenWithTheProblems() {
        NewPipeViewModel vm = vm((spec, actor) -> {
            throw new PipeChecksFailedException(List.of("table public.orders does not exist"));
        });
        vm.testSource();
        vm.nameProperty().set("x");
        vm.create();
        assertFalse(vm.createdProperty().get());
        assertEquals(List.of("table public.orders does not exist"), vm.sourceProblems());
        assertTrue(vm.errorMessageProperty().get().startsWith("The pipe was not created"));
    }

    @Test
    void badNumbersAreASentence() {
        NewPipeViewModel vm = vm();
        vm.testSource();
        vm.nameProperty().set("x");
        vm.batchSizeProperty().set("lots");
        vm.create();
        assertEquals("batch size must be a positive whole number (got 'lots').", vm.errorMessageProperty().get());
        assertTrue(created.isEmpty());
    }

    @Test
    void advancedSnapshotSettingsReachTheSpec() {
        NewPipeViewModel vm = vm();
        vm.testSource();
        vm.nameProperty().set("big-load");
        vm.rowsPerPartitionProperty().set("500,000");
        vm.readersPerTableProperty().set("8");
        vm.tablesInParallelProperty().set("2");
        vm.create();
        assertEquals(new SnapshotSettings(500_000, 8, 2), created.get(0).snapshot());
        assertEquals(8, created.get(0).snapshotParallelism());
    }

    @Test
    void tooManyConnectionsIsASentence() {
        NewPipeViewModel vm = vm();
        vm.testSource();
        vm.nameProperty().set("x");
        vm.readersPerTableProperty().set("16");
        vm.tablesInParallelProperty().set("8");
        vm.create();
        assertTrue(vm.errorMessageProperty().get().contains("parallel readers per table × tables copied in parallel must be "
                + "at most 64 source connections"), vm.errorMessageProperty().get());
        assertTrue(created.isEmpty());
    }
}

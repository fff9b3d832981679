package dev.pipedeck.console;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.DesiredState;
import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.console.common.ConsoleBackend;
import dev.pipedeck.console.common.ConsoleData;
import dev.pipedeck.console.common.ConsoleBackend.PendingTableWork;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeEdit;
import dev.pipedeck.source.pg.PostgresSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Records requests; answers loads with whatever the test sets. */
public final class FakeBackend implements ConsoleBackend {
    public record Request(String action, String pipe, Actor actor) {}

    public final List<Request> requests = new ArrayList<>();
    public final List<String> loads = new ArrayList<>();
    public volatile ConsoleData data = ConsoleData.EMPTY;
    public volatile RuntimeException failLoads;
    public volatile RuntimeException failRequests;
    public Function<Pipe, ControlResult> answer = p -> new ControlResult(ControlResult.Outcome.ACCEPTED, "requested", p);

    @Override
    public synchronized ConsoleData load(String selectedPipe) {
        loads.add(String.valueOf(selectedPipe));
        if (failLoads != null) {
            throw failLoads;
        }
        return data;
    }

    @Override
    public synchronized ControlResult pause(String pipeName, Actor actor) {
        return request("pause", pipeName, actor, DesiredState.PAUSED);
    }

    @Override
    public synchronized ControlResult resume(String pipeName, Actor actor) {
        return request("resume", pipeName, actor, DesiredState.RUNNING);
    }

    public final List<AuditEvent> history = new ArrayList<>();
    public final List<String> historyLoads = new ArrayList<>();

    public Integer editedBatchSize;
    public java.time.Duration editedSyncInterval;

    @Override
    public synchronized ControlResult edit(String pipeName, Integer batchSize, java.time.Duration syncInterval, Actor actor) {
        editedBatchSize = batchSize;
        editedSyncInterval = syncInterval;
        return request("edit", pipeName, actor, data.pipe(pipeName).orElseThrow().desiredState());
    }

    /** The last {@link PipeEdit} sent (tables and settings). */
    public PipeEdit editedWith;
    /** What {@link #sourceTables} answers; {@link #failSourceTables} makes it throw. */
    public List<PostgresSource.TableInfo> sourceTables = List.of();
    public volatile RuntimeException failSourceTables;
    public TableRef resyncedTable;
    public PendingTableWork pending = PendingTableWork.NONE;

    @Override
    public synchronized ControlResult edit(String pipeName, PipeEdit edit, Actor actor) {
        editedWith = edit;
        editedBatchSize = edit.batchSize();
        editedSyncInterval = edit.syncInterval();
        return request("edit", pipeName, actor, data.pipe(pipeName).orElseThrow().desiredState());
    }

    @Override
    public synchronized List<PostgresSource.TableInfo> sourceTables(String pipeName) {
        if (failSourceTables != null) {
            throw failSourceTables;
        }
        return sourceTables;
    }

    @Override
    public synchronized ControlResult resyncTable(String pipeName, TableRef table, Actor actor) {
        resyncedTable = table;
        return request("resync-table", pipeName, actor, data.pipe(pipeName).orElseThrow().desiredState());
    }

    @Override
    public synchronized PendingTableWork pendingTableWork(String pipeName) {
        return pending;
    }

    public java.time.Duration lastCopy;

    @Override
    public synchronized ControlResult resync(String pipeName, Actor actor) {
        return request("resync", pipeName, actor, DesiredState.RUNNING);
    }

    @Override
    public synchronized java.util.Optional<java.time.Duration> lastCopy(String pipeName) {
        return java.util.Optional.ofNullable(lastCopy);
    }

    @Override
    public synchronized ControlResult delete(String pipeName, Actor actor) {
        return request("delete", pipeName, actor, DesiredState.DELETED);
    }

    @Override
    public synchronized List<AuditEvent> history(String pipeName, int limit) {
        historyLoads.add(pipeName);
        if (failLoads != null) {
            throw failLoads;
        }
        return List.copyOf(history);
    }

    private ControlResult request(String action, String pipeName, Actor actor, DesiredState desired) {
        requests.add(new Request(action, pipeName, actor));
        if (failRequests != null) {
            throw failRequests;
        }
        Pipe p = data.pipe(pipeName).orElseThrow();
        Pipe changed = new Pipe(p.id(), p.name(), p.sourceUrl(), p.sourceUser(), p.sourcePasswordEnc(), p.destinationUrl(),
                p.destinationPasswordEnc(), p.tables(), p.batchSize(), p.syncInterval(), p.snapshotParallelism(), p.slotName(),
                p.publicationName(), desired, p.status(), p.statusReason(), p.statusChangedAt(), p.lastError(), p.lastErrorAt(),
                p.slotCreated(), p.snapshotDone(), p.confirmedLsn(), p.consistentLsn(), p.consistentCommitTime(), p.rowsSynced(),
                p.lastSyncedAt(), p.ownerWorker(), p.ownerSince(), p.everClaimed(), p.createdAt(), p.createdBy());
        return answer.apply(changed);
    }
}

package dev.pipedeck.console.common;

import dev.pipedeck.catalog.Actor;
import dev.pipedeck.catalog.WorkerInfo;
import dev.pipedeck.catalog.AuditEvent;
import dev.pipedeck.catalog.TableMapping;
import dev.pipedeck.change.TableRef;
import dev.pipedeck.control.ControlResult;
import dev.pipedeck.control.PipeEdit;
import dev.pipedeck.engine.verify.VerifyReport;
import dev.pipedeck.source.pg.PostgresSource;

import java.util.function.Consumer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the console reads from and asks of the catalog. Called only off the FX thread. View-model tests pass a
 * fake; the application passes {@link CatalogBackend}.
 */
public interface ConsoleBackend {
    /** Reads all pipes, their latest slot samples and the details of {@code selectedPipe} (may be null). */
    ConsoleData load(String selectedPipe);

    ControlResult pause(String pipeName, Actor actor);

    ControlResult resume(String pipeName, Actor actor);

    /** Changes a paused pipe's batch size and/or sync interval (null: unchanged); applied when it resumes. */
    ControlResult edit(String pipeName, Integer batchSize, Duration syncInterval, Actor actor);

    /** Copies a paused or failed pipe afresh: new slot, full copy into shadow tables, swapped in when complete. */
    ControlResult resync(String pipeName, Actor actor);

    /** How long the pipe's last full copy took (initial or resync); empty when not known. */
    Optional<Duration> lastCopy(String pipeName);

    /** Deletes the pipe (its slot, publication and catalog entry; destination tables are kept). */
    ControlResult delete(String pipeName, Actor actor);

    /** The pipe's audit trail, newest first. */
    List<AuditEvent> history(String pipeName, int limit);

    /** The registered workers (the Workers view); none when the backend has no catalog. */
    default List<WorkerInfo> workers() {
        return List.of();
    }

    /** A pause with a guard (see {@link PauseChoice}); without one it is a plain pause. */
    default ControlResult pause(String pipeName, Actor actor, PauseChoice guard) {
        return pause(pipeName, actor);
    }

    /** Compares the pipe's source with its destination row by row (long-running; off the FX thread). */
    default VerifyReport verify(String pipeName, Consumer<String> progress) {
        throw new UnsupportedOperationException("verify is not available here");
    }

    /**
     * Edits a paused pipe: tables to add (checked against its source like a new pipe) and to remove, batch size and
     * sync interval; applied when it resumes. A refusal (e.g. a table without a primary key) is a REFUSED result.
     */
    default ControlResult edit(String pipeName, PipeEdit edit, Actor actor) {
        if (edit.changesTables()) {
            throw new UnsupportedOperationException("editing a pipe's tables is not available here");
        }
        return edit(pipeName, edit.batchSize(), edit.syncInterval(), actor);
    }

    /** The tables the pipe's own source offers, read with the pipe's stored credentials (slow: off the FX thread). */
    default List<PostgresSource.TableInfo> sourceTables(String pipeName) {
        throw new UnsupportedOperationException("listing the source's tables is not available here");
    }

    /** Copies one table of a running or paused pipe afresh while the other tables keep streaming. */
    default ControlResult resyncTable(String pipeName, TableRef table, Actor actor) {
        throw new UnsupportedOperationException("resyncing one table is not available here");
    }

    /** Tables an edit added that are still to be copied, and a one-table resync not yet done. */
    default PendingTableWork pendingTableWork(String pipeName) {
        return PendingTableWork.NONE;
    }

    /** What a pipe still has to do for single tables: copy tables an edit added, resync one table. */
    record PendingTableWork(List<TableMapping> tableCopies, Optional<TableRef> tableResync) {
        public static final PendingTableWork NONE = new PendingTableWork(List.of(), Optional.empty());

        public PendingTableWork {
            tableCopies = List.copyOf(tableCopies);
        }

        public boolean isEmpty() {
            return tableCopies.isEmpty() && tableResync.isEmpty();
        }
    }
}

package dev.pipedeck.engine;

import dev.pipedeck.change.Lsn;
import dev.pipedeck.change.TableRef;

import java.util.HashMap;
import java.util.Map;

/**
 * The per-table floors the stream honours (tables added by an edit, copied at a point X of their own): a change of
 * such a table is applied only when its transaction commits at or after X, earlier ones are in the copy. A floor is
 * forgotten — in the catalog too — once the confirmed position is past it.
 */
final class StreamFloors {
    private final PipeContext ctx;
    private final Map<TableRef, Lsn> floors;

    StreamFloors(PipeContext ctx) {
        this.ctx = ctx;
        this.floors = new HashMap<>(ctx.pipes.tableFloors().floors(ctx.pipeId));
    }

    /** True when a change of {@code table} from the transaction committing at {@code commitLsn} is in its copy. */
    boolean skips(TableRef table, long commitLsn) {
        if (floors.isEmpty()) {
            return false;
        }
        Lsn floor = floors.get(table);
        return floor != null && Long.compareUnsigned(commitLsn, floor.value()) < 0;
    }

    /** Forgets the floors the confirmed position has passed: no transaction before them can come again. */
    void forgetPassed(Lsn confirmed) {
        if (floors.isEmpty() || !floors.values().removeIf(f -> f.compareTo(confirmed) <= 0)) {
            return;
        }
        ctx.pipes.tableFloors().forgetUpTo(ctx.pipeId, confirmed);
    }
}

package dev.pipedeck.engine;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.sink.DestinationUrl;

import java.util.Optional;

/** Which pipes a resync can serve, asked before one is requested (so nothing is dropped for a resync that cannot run). */
public final class ResyncSupport {
    private ResyncSupport() {}

    /** Why tables cannot be added to this pipe (their copy is swapped in like a resync's), or empty when they can. */
    public static Optional<String> unsupportedAdd(Pipe p) {
        if (DestinationUrl.parse(p.destinationUrl()).cluster() != null) {
            return Optional.of("adding tables to a pipe into a ClickHouse cluster is not supported yet: create a second "
                    + "pipe for the new tables instead");
        }
        return Optional.empty();
    }

    /** Why a resync of this pipe is not possible, or empty when it is. */
    public static Optional<String> unsupported(Pipe p) {
        if (DestinationUrl.parse(p.destinationUrl()).cluster() != null) {
            // the swap renames one server's tables; a cluster's Distributed and local tables live on every shard
            return Optional.of("a resync into a ClickHouse cluster is not supported yet: delete the pipe (its "
                    + "destination tables are kept), drop or rename its tables ON CLUSTER, and create the pipe again");
        }
        return Optional.empty();
    }
}

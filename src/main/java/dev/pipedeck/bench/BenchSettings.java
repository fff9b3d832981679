package dev.pipedeck.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code pipedeck bench} was asked to run.
 *
 * @param scenarios the scenario numbers, in the order to run them
 * @param rows      rows for the backlog (1) and the big transaction (5); the snapshot (3) copies five times as many
 * @param seconds   length of the steady-latency writer (2)
 * @param cycles    pause/resume cycles (4)
 * @param json      where to write the machine-readable results (null: nowhere)
 */
public record BenchSettings(List<Integer> scenarios, long rows, int seconds, int cycles, boolean clickHouse, Path json) {
    public static final int RATE = 5_000;
}

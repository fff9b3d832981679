package dev.pipedeck.bench;

import java.util.List;

/** One benchmark scenario of issue 7; each uses its own source database, destination and pipe. */
interface Scenario {
    int number();

    String title();

    Report run(BenchEnvironment env, BenchSettings settings) throws Exception;

    /** The figures of a scenario, and notes that say where its time went. */
    record Report(List<BenchResult> results, List<String> notes) {}
}

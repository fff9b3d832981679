package dev.pipedeck.source.pg;

/** One thing wrong with a source, and what to do about it (e.g. the exact {@code ALTER TABLE} to run). */
public record SourceProblem(String problem, String fix) {
    @Override
    public String toString() {
        return fix == null || fix.isBlank() ? problem : problem + " — " + fix;
    }
}

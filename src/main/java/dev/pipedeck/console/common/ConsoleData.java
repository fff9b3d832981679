package dev.pipedeck.console.common;

import dev.pipedeck.catalog.Pipe;
import dev.pipedeck.catalog.SlotSampleRow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consistent-enough snapshot of what the console shows, read off the FX thread by the refresh service.
 *
 * @param latestSamples newest slot sample per pipe id
 * @param selected      details of the open pipe, or null when none is open (or it no longer exists)
 */
public record ConsoleData(Instant loadedAt, List<Pipe> pipes, Map<Long, SlotSampleRow> latestSamples, PipeDetails selected) {
    public static final ConsoleData EMPTY = new ConsoleData(Instant.EPOCH, List.of(), Map.of(), null);

    public ConsoleData {
        pipes = List.copyOf(pipes);
        latestSamples = Map.copyOf(latestSamples);
    }

    public Optional<Pipe> pipe(String name) {
        return pipes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<SlotSampleRow> latestSample(long pipeId) {
        return Optional.ofNullable(latestSamples.get(pipeId));
    }

    /** The same data with one pipe replaced (e.g. the answer to a pause request, shown before the next refresh). */
    public ConsoleData withPipe(Pipe changed) {
        List<Pipe> list = pipes.stream().map(p -> p.id() == changed.id() ? changed : p).toList();
        PipeDetails details = selected != null && selected.pipe().id() == changed.id() ? selected.withPipe(changed) : selected;
        return new ConsoleData(loadedAt, list, latestSamples, details);
    }
}

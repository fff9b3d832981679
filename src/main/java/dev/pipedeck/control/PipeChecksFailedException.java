package dev.pipedeck.control;

import dev.pipedeck.change.FailureKind;
import dev.pipedeck.change.PipeDeckException;

import java.util.List;

/** The source or destination is not ready for a pipe; each problem says what to do. */
public class PipeChecksFailedException extends PipeDeckException {
    private final List<String> problems;

    public PipeChecksFailedException(List<String> problems) {
        super(FailureKind.PERMANENT, "the pipe was not created: " + String.join("; ",
                problems.stream().map(p -> p.endsWith(";") ? p.substring(0, p.length() - 1) : p).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

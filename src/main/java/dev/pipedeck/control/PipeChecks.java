package dev.pipedeck.control;

import java.util.List;

/**
 * Checks run before a pipe is created: the source validation and the destination's own test. Problems are sentences
 * a data engineer can act on. The CLI and the console pass the real checks; tests of the control rules may pass none.
 */
public interface PipeChecks {
    PipeChecks NONE = spec -> List.of();

    List<String> problems(PipeSpec spec);
}

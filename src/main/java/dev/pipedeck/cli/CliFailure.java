package dev.pipedeck.cli;

/** A command ran but did not get what was asked (refused request, --wait timed out): exit 1 with this sentence. */
final class CliFailure extends RuntimeException {
    CliFailure(String sentence) {
        super(sentence, null, false, false);
    }
}

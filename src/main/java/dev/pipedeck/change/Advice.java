package dev.pipedeck.change;

/** Advice that recurs in status reasons and errors, worded once so that every place says the same thing. */
public final class Advice {
    /** Stands for the pipe's name where the layer that words the error does not know it; the engine fills it in. */
    public static final String PIPE_NAME = "NAME";

    private Advice() {}

    /**
     * The only cure for a pipe whose slot or publication is gone: a new slot and a new initial copy. Re-creating a
     * dropped publication does not do it: a slot reads publications as of its own position, which predates the new one.
     */
    public static String resync(String pipeName) {
        return "resync the pipe: `pipedeck pipe resync " + (pipeName == null ? PIPE_NAME : pipeName)
                + "` or Resync… on its Settings tab (a new slot and a new initial copy)";
    }

    /** Puts the pipe's name into advice worded without it. */
    public static String forPipe(String message, String pipeName) {
        if (message == null || pipeName == null) {
            return message;
        }
        // the command, not the whole advice: a sentence may start with it ("Resync the pipe: ...")
        return message.replace(command(PIPE_NAME), command(pipeName));
    }

    private static String command(String pipeName) {
        return "`pipedeck pipe resync " + pipeName + "`";
    }
}

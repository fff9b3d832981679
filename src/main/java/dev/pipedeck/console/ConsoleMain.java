package dev.pipedeck.console;

/**
 * Starts the console from a plain classpath ({@code java -cp ... dev.pipedeck.console.ConsoleMain}): the java launcher
 * refuses a main class that extends Application when JavaFX is not on the module path, so this one does not.
 * The CLI's {@code pipedeck console} / {@code pipedeck demo} can call {@link ConsoleApp#main} the same way.
 */
public final class ConsoleMain {
    private ConsoleMain() {}

    public static void main(String[] args) {
        ConsoleApp.main(args);
    }
}

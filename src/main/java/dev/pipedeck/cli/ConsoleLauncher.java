package dev.pipedeck.cli;

import java.lang.reflect.InvocationTargetException;

/**
 * Starts the JavaFX console by class name, so the CLI builds and runs in builds without it (and without loading
 * JavaFX for plain commands).
 */
public final class ConsoleLauncher {
    public static final String CONSOLE_CLASS = "dev.pipedeck.console.ConsoleApp";

    private ConsoleLauncher() {}

    public static boolean available() {
        try {
            Class.forName(CONSOLE_CLASS, false, ConsoleLauncher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Calls {@code ConsoleApp.main(args)}; returns when the console window is closed. */
    public static void launch(String[] args) throws Exception {
        try {
            Class.forName(CONSOLE_CLASS).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}

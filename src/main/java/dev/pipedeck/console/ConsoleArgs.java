package dev.pipedeck.console;

import java.util.List;

/**
 * The console's command line: {@code --demo}, {@code --catalog=URL} (or {@code --catalog URL}); the catalog falls back
 * to {@code $PIPEDECK_CATALOG}.
 */
record ConsoleArgs(boolean demo, String catalogUrl) {
    static ConsoleArgs parse(List<String> args, String envCatalog) {
        boolean demo = false;
        String catalog = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--demo") || a.equals("demo")) {
                demo = true;
            } else if (a.startsWith("--catalog=")) {
                catalog = a.substring("--catalog=".length());
            } else if (a.equals("--catalog") && i + 1 < args.size()) {
                catalog = args.get(++i);
            }
        }
        if (catalog == null && envCatalog != null && !envCatalog.isBlank()) {
            catalog = envCatalog;
        }
        return new ConsoleArgs(demo, catalog);
    }
}

/**
 * The desktop console (JavaFX, FXML, MVVM after JabRef and Cryptomator).
 *
 * <p>Wiring: {@link dev.pipedeck.console.ConsoleApp} (an Application; {@link dev.pipedeck.console.ConsoleMain} starts
 * it from a plain classpath) parses {@code --demo} and {@code --catalog=URL} (else {@code $PIPEDECK_CATALOG}), opens
 * the catalog with {@code failFast=false}, migrates it and starts an in-process
 * {@code Worker(catalog, SecretBox.fromEnvironment(), "console-" + host)} in the background (an
 * {@code UnsupportedOperationException} from {@code start()} is logged and ignored), listens to
 * {@code PipeNotifications} and shows {@link dev.pipedeck.console.MainWindow}.
 *
 * <p>Demo contract (by reflection, see {@link dev.pipedeck.console.DemoLauncher}):
 * {@code dev.pipedeck.demo.DemoEnvironment} with {@code public static DemoEnvironment start()} (or else
 * {@code static start(DemoOptions)}, called with {@code DemoOptions.defaults()} or {@code new DemoOptions()}),
 * {@code public String catalogUrl()} (a JDBC URL that carries its user) and {@code public void close()}.
 *
 * <p>Packages: {@code common} (refresh service, backend, dialog service, shared state), {@code datasources},
 * {@code settings}, {@code metrics} — each an FXML view, a thin controller and a view-model that imports only
 * {@code javafx.beans} / {@code javafx.collections}.
 */
package dev.pipedeck.console;

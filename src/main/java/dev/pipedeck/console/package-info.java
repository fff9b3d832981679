/**
 * The desktop console (JavaFX, FXML, MVVM after JabRef and Cryptomator).
 *
 * <p>Wiring: {@link dev.pipedeck.console.ConsoleApp} (an Application; {@link dev.pipedeck.console.ConsoleMain} starts
 * it from a plain classpath) parses {@code --demo} and {@code --catalog=URL} (else {@code $PIPEDECK_CATALOG}), opens
 * the catalog with {@code failFast=false}, migrates it and starts an in-process
 * {@code Worker(catalog, SecretBox.fromEnvironment(), "console-" + host)} in the background (local mode), listens to
 * {@code PipeNotifications} and shows {@link dev.pipedeck.console.MainWindow}. With {@code --demo} it first starts
 * {@link dev.pipedeck.demo.DemoEnvironment} and uses its catalog.
 *
 * <p>Packages: {@code common} (refresh service, backend, dialog service, shared state), {@code datasources},
 * {@code settings}, {@code metrics} — each an FXML view, a thin controller and a view-model that imports only
 * {@code javafx.beans} / {@code javafx.collections}.
 */
package dev.pipedeck.console;

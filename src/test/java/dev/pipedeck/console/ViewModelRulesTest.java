package dev.pipedeck.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STYLE.md: view-models see no controls and no JDBC. Checked on the sources, so a slip fails the build. */
class ViewModelRulesTest {
    private static final Path ROOT = Path.of("src/main/java/dev/pipedeck/console");

    @Test
    void viewModelsImportNoControlsAndNoJdbc() throws IOException {
        List<Path> viewModels;
        try (Stream<Path> files = Files.walk(ROOT)) {
            viewModels = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith("ViewModel.java") || n.equals("ConsoleState.java") || n.equals("ConfirmationText.java");
            }).toList();
        }
        assertTrue(viewModels.size() >= 5, "found " + viewModels);
        for (Path f : viewModels) {
            List<String> bad = Files.readAllLines(f).stream()
                    .filter(l -> l.startsWith("import "))
                    .filter(l -> l.contains("javafx.scene") || l.contains("javafx.fxml") || l.contains("javafx.stage")
                            || l.contains("java.sql") || l.contains("javafx.application"))
                    .toList();
            assertEquals(List.of(), bad, f.toString());
        }
    }
}

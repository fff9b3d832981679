package dev.pipedeck.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers point one way (DESIGN.md "Package layout", docs/architecture.md):
 * <pre>
 *   Launcher → cli, console → bench, demo (tools) → control → engine → source.pg, sink → catalog → change
 * </pre>
 * A layer may use any layer below it, never one above; {@code control} additionally never touches {@code source.pg}
 * (it asks the engine). Read from the compiled classes, so every kind of use counts: imports, inline names, calls,
 * field and parameter types.
 */
class LayersTest {
    private static JavaClasses classes;

    @BeforeAll
    static void read() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pipedeck");
    }

    @Test
    void dependenciesPointDownOnly() {
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Launcher").definedBy("dev.pipedeck")
                .layer("Cli").definedBy("dev.pipedeck.cli..")
                .layer("Console").definedBy("dev.pipedeck.console..")
                .layer("Tools").definedBy("dev.pipedeck.bench..", "dev.pipedeck.demo..")
                .layer("Control").definedBy("dev.pipedeck.control..")
                .layer("Engine").definedBy("dev.pipedeck.engine..")
                .layer("Source").definedBy("dev.pipedeck.source..")
                .layer("Sink").definedBy("dev.pipedeck.sink..")
                .layer("Catalog").definedBy("dev.pipedeck.catalog..")
                .layer("Change").definedBy("dev.pipedeck.change..")

                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                // the CLI starts the console by class name only (it may be absent from a build): no compile-time edge
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Console").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Tools").mayOnlyBeAccessedByLayers("Launcher", "Cli", "Console")
                .whereLayer("Control").mayOnlyBeAccessedByLayers("Launcher", "Cli", "Console", "Tools")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Launcher", "Cli", "Console", "Tools", "Control")
                .whereLayer("Source").mayOnlyBeAccessedByLayers("Cli", "Console", "Tools", "Engine")
                .whereLayer("Sink").mayOnlyBeAccessedByLayers("Cli", "Console", "Tools", "Engine")
                .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Launcher", "Cli", "Console", "Tools", "Control", "Engine",
                        "Source", "Sink")
                .check(classes);
    }

    /**
     * A fully-qualified {@code dev.pipedeck} name in code hides a dependency from the imports, where reviewers look for
     * them. Comments and string literals are left out of the search.
     */
    @Test
    void noInlineQualifiedNamesInMainSources() throws IOException {
        Pattern qualified = Pattern.compile("\\bdev\\.pipedeck\\.[a-z0-9_.]*[A-Z]\\w*");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = withoutCommentsAndStrings(Files.readString(f));
                String[] lines = code.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].strip();
                    if (line.startsWith("import ") || line.startsWith("package ")) {
                        continue;
                    }
                    Matcher m = qualified.matcher(line);
                    if (m.find()) {
                        found.add(f + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "import these instead:\n" + String.join("\n", found));
    }

    /** Blanks comments and string/char literals, keeping line breaks so line numbers stay right. */
    static String withoutCommentsAndStrings(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
                src.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? src.length() : end + 3;
                src.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                out.append("\"\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < src.length() && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(c).append(c);
                i = Math.min(j + 1, src.length());
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Test
    void theSourceScanSeesCodeButNotCommentsOrStrings() {
        String cleaned = withoutCommentsAndStrings("""
                // dev.pipedeck.a.B in a comment
                /** {@link dev.pipedeck.c.D} */
                String s = "dev.pipedeck.e.F";
                Object o = dev.pipedeck.g.H.of();
                """);
        assertTrue(cleaned.contains("dev.pipedeck.g.H"), cleaned);
        assertTrue(!cleaned.contains("dev.pipedeck.a.B") && !cleaned.contains("dev.pipedeck.c.D")
                && !cleaned.contains("dev.pipedeck.e.F"), cleaned);
    }
}

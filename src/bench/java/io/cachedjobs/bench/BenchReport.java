package io.cachedjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark run prints: its tables as they are measured, and one PASS / FALLS SHORT line per
 * target, gathered for the end; all of it is also written to {@code target/bench-results.md}.
 */
final class BenchReport {

    private final StringBuilder text = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();

    void line(String line) {
        text.append(line).append('\n');
        System.out.println(line);
    }

    /** Text that ends its own lines, such as a query plan. */
    void block(String lines) {
        text.append(lines);
        System.out.print(lines);
    }

    void verdict(boolean pass, String target) {
        verdicts.add("- " + (pass ? "PASS" : "FALLS SHORT") + ": " + target);
    }

    /** The targets' lines under {@code heading}, then the whole report written to {@code file}. */
    void finish(String heading, String footer, Path file) throws IOException {
        line("");
        line(heading);
        line("");
        verdicts.forEach(this::line);
        line("");
        line(footer);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text.toString());
    }
}

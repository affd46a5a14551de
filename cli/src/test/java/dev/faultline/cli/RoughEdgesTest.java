package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14's rough edges, each as a first user met it; every one of these failed before its fix. */
class RoughEdgesTest {
    @TempDir
    Path dir;

    private Cli run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(extra));
        return Cli.faultline(args.toArray(String[]::new));
    }

    private static void assertOneLineBadInput(Cli r) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("faultline: ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void everyCommandTakesHelpAsItsErrorsSay() {
        for (String[] help : new String[][] {{"run", "--help"}, {"list", "--help"}, {"report", "--help"}, {"compare", "--help"},
                {"baseline", "update", "--help"}, {"soak", "-h"}, {"serve", "--help"}}) {
            Cli r = Cli.faultline(help);
            assertThat(r.status()).as(String.join(" ", help) + ": " + r.err()).isZero();
            assertThat(r.out()).contains("Usage: faultline");
        }
    }

    @Test
    void aReportOrWorkDirectoryThatCannotBeWrittenIsBadInputBeforeAnyScenario() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        for (String option : List.of("--report-dir", "--work-dir")) {
            for (Path target : List.of(file, file.resolve("below"))) {
                Cli r = run("--scenario", "multi-writer", "--adapter", "reference", option, target.toString(),
                        "--report-dir".equals(option) ? "--work-dir" : "--report-dir", dir.resolve("other").toString());
                assertOneLineBadInput(r);
                assertThat(r.err()).contains(option + " " + target + " cannot be written");
            }
        }
    }

    @Test
    void aReportDirectoryInUseByAnotherRunIsRefused() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        try (FileChannel ch = FileChannel.open(reports.resolve(Directories.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = ch.lock()) {
            Cli r = run("--scenario", "multi-writer", "--adapter", "reference", "--report-dir", reports.toString(),
                    "--work-dir", dir.resolve("work").toString());
            assertOneLineBadInput(r);
            assertThat(r.err()).contains("is in use by another faultline run");
        }
        assertThat(reports.resolve("result.json")).doesNotExist();
    }

    @Test
    void aHundredThousandCharacterArgumentIsEchoedBounded() {
        Cli r = run("--scenario", "x".repeat(100_000), "--adapter", "reference", "--work-dir", dir.resolve("work").toString());
        assertOneLineBadInput(r);
        assertThat(r.err().length()).isLessThan(1_000);
        assertThat(r.err()).contains("(100000 characters)");
    }

    @Test
    void paramsFileMistakesNameTheirLine() throws Exception {
        Path yaml = dir.resolve("p.yaml");
        Files.writeString(yaml, "multi-writer:\n  writers: 4\n  writers: 5\n");
        Cli duplicate = run("--scenario", "multi-writer", "--adapter", "reference", "--params-file", yaml.toString());
        assertOneLineBadInput(duplicate);
        assertThat(duplicate.err()).contains(yaml + ":3: duplicate key 'multi-writer.writers' (first on line 2)");

        Files.writeString(yaml, "multi-writer:\n  writers: 4\nmulti-writer:\n  writes: 5\n");
        assertThat(run("--scenario", "multi-writer", "--adapter", "reference", "--params-file", yaml.toString()).err())
                .contains(yaml + ":3: duplicate key 'multi-writer'");

        Files.writeString(yaml, "multi-writer:\n\twriters: 4\n");
        Cli tab = run("--scenario", "multi-writer", "--adapter", "reference", "--params-file", yaml.toString());
        assertOneLineBadInput(tab);
        assertThat(tab.err()).contains(yaml + ":2: not valid YAML: found character '\\t(TAB)'");

        Cli directory = run("--scenario", "multi-writer", "--adapter", "reference", "--params-file", dir.toString());
        assertOneLineBadInput(directory);
        assertThat(directory.err()).contains(dir + ": is a directory");
    }

    @Test
    void aRunWhoseBudgetIsSpentGivesEveryScenarioAVerdict() throws Exception {
        Path reports = dir.resolve("reports");
        Cli r = run("--scenario", "multi-writer,write-storm", "--adapter", "reference", "--max-minutes", "0.05",
                "--report-dir", reports.toString(), "--work-dir", dir.resolve("work").toString());
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        JsonNode results = new ObjectMapper().readTree(reports.resolve("result.json").toFile()).get("results");
        assertThat(results).hasSize(2);
        for (JsonNode result : results) {
            assertThat(result.get("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(result.get("reason").asText()).contains("--max-minutes 0.05");
        }
        assertOneLineBadInput(run("--scenario", "multi-writer", "--adapter", "reference", "--max-minutes", "0",
                "--report-dir", reports.toString()));
    }
}

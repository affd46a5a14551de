package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI contract users' CI scripts are written against: commands, exit statuses, result.json. */
class MainTest {
    @TempDir
    Path dir;

    private static Cli faultline(String... args) {
        return Cli.faultline(args);
    }

    private Cli run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--report-dir", dir.resolve("report").toString(),
                "--work-dir", dir.resolve("work").toString()));
        args.addAll(List.of(extra));
        return faultline(args.toArray(String[]::new));
    }

    @Test
    void listNamesEveryScenarioAndAdapter() {
        Cli r = faultline("list");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("multi-writer", "write-storm", "reference", "legacy", "--param writers=10");
    }

    @Test
    void passingRunExitsZeroAndWritesResultJson() throws Exception {
        Cli r = run("--scenario", "multi-writer", "--adapter", "reference", "--seed", "42", "--param", "writers=3");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("PASS", "seed: 42");
        assertThat(r.err()).contains("multi-writer on reference");
        JsonNode result = new ObjectMapper().readTree(dir.resolve("report/result.json").toFile());
        assertThat(result.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(result.get("verdict").asText()).isEqualTo("PASS");
        assertThat(result.get("seed").asLong()).isEqualTo(42);
        JsonNode first = result.get("results").get(0);
        assertThat(first.get("scenario").asText()).isEqualTo("multi-writer");
        assertThat(first.get("adapter").asText()).isEqualTo("reference");
        assertThat(first.get("parameters").get("writers").asText()).isEqualTo("3");
        assertThat(first.get("figures").get("putLatencyMs").get("p99").isNumber()).isTrue();
        assertThat(first.get("checks").size()).isGreaterThanOrEqualTo(3);
        assertThat(dir.resolve("work")).isEmptyDirectory();
    }

    @Test
    void failingRunExitsOneAndKeepsEvidence() throws Exception {
        Cli r = run("--scenario", "multi-writer", "--adapter", "legacy", "--seed", "7", "--param", "writers=4");
        assertThat(r.status()).isEqualTo(1);
        JsonNode first = new ObjectMapper().readTree(dir.resolve("report/result.json").toFile()).get("results").get(0);
        assertThat(first.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(first.get("kind").asText()).isIn("SILENT_LOSS", "CORRUPTION");
        assertThat(Path.of(first.get("runDirectory").asText())).isDirectory();
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
        String[][] bad = {
                {"--scenario", "no-such", "--adapter", "reference"},
                {"--scenario", "multi-writer", "--adapter", "no-such"},
                {"--scenario", "multi-writer", "--adapter", "reference", "--param", "writers=ten"},
                {"--scenario", "multi-writer", "--adapter", "reference", "--param", "writers=1"},
                {"--scenario", "multi-writer", "--adapter", "reference", "--param", "nosuch=1"},
                {"--scenario", "multi-writer", "--adapter", "reference", "--param", "novalue"},
                {"--scenario", "multi-writer", "--adapter", "reference", "--seed", "x"},
                {"--scenario", "multi-writer"},
                {"--scenario", "multi-writer", "--adapter", "reference", "--adapter-command", "x"},
                {"--scenario", "multi-writer", "--adapter-command", "/no/such/program"},
                {"--scenario", "multi-writer", "--adapter-command", "python3 'unclosed"},
                {"--scenario", "multi-writer", "--adapter", "reference", "--operation-timeout", "0"},
                {"--scenario", "multi-writer", "--adapter", "reference", "--filesystem", "ntfs"},
                {"--scenario", "multi-writer", "--adapter-command", "python3 x.py", "--filesystem", "jimfs-windows"},
        };
        for (String[] args : bad) {
            Cli r = run(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines().filter(l -> l.startsWith("faultline: ") && !l.contains("scenario(s) on")))
                    .as(r.err()).hasSize(1);
            assertThat(r.err()).doesNotContain("Exception", "\tat ");
        }
        assertThat(dir.resolve("report/result.json")).doesNotExist();
    }

    @Test
    void scopedParametersApplyToOneScenario() {
        Cli r = run("--scenario", "multi-writer,write-storm", "--adapter", "reference", "-q",
                "--param", "writers=2", "--param", "write-storm.bursts=20x2", "--param", "pauseMs=0", "--param", "keysPerWriter=5");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("multi-writer", "write-storm");
    }

    @Test
    void aProcessAdapterRunsThroughAdapterCommand() {
        Cli r = run("--scenario", "write-storm", "--adapter-command", Cli.serveCommand("reference"), "--param", "bursts=30", "--param", "writers=2");
        assertThat(r.status()).as(r.err()).isZero();
    }

    @Test
    void windowsRulesOnLinuxThroughJimfs() {
        Cli r = run("--scenario", "eperm-rename,multi-writer", "--adapter", "reference", "--filesystem", "jimfs-windows", "-q",
                "--param", "writers=3", "--param", "writes=10");
        assertThat(r.status()).as(r.err()).isZero();
    }

    @Test
    void aParamsFileIsReadAndEachMistakeNamesItsLine() throws Exception {
        Path small = Path.of("..", "scenarios", "params", "small.yaml");
        Cli ok = run("--scenario", "multi-writer,write-storm", "--adapter", "reference", "-q", "--params-file", small.toString());
        assertThat(ok.status()).as(ok.err()).isZero();

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "multi-writer:\n  writers: 4\n  writerz: 3\n");
        Cli unknownKey = run("--scenario", "multi-writer", "--adapter", "reference", "--params-file", bad.toString());
        assertThat(unknownKey.status()).isEqualTo(2);
        assertThat(unknownKey.err()).contains(bad + ":3: unknown parameter 'writerz' for scenario multi-writer");

        Files.writeString(bad, "multi-writer:\n  writers: many\n");
        assertThat(run("--scenario", "multi-writer", "--adapter", "reference", "--params-file", bad.toString()).err())
                .contains(bad + ":2: parameter writers of scenario multi-writer: 'many' is not a whole number");

        Files.writeString(bad, "multi-writer:\n  writers: [4\n");
        Cli malformed = run("--scenario", "multi-writer", "--adapter", "reference", "--params-file", bad.toString());
        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.err()).contains(bad + ":").doesNotContain("\tat ");

        Files.writeString(bad, "mutli-writer:\n  writers: 4\n");
        assertThat(run("--scenario", "multi-writer", "--adapter", "reference", "--params-file", bad.toString()).err())
                .contains(bad + ":1: unknown scenario 'mutli-writer'");
        assertThat(run("--scenario", "multi-writer", "--adapter", "reference", "--params-file", dir.resolve("none.yaml").toString()).err())
                .contains("none.yaml: no such file");
        assertThat(dir.resolve("report/result.json")).exists(); // written by the good run only, never over by a bad one
    }

    @Test
    void aShortSoakKeepsTheHarnessFlatAndWritesItsFigures() throws Exception {
        Cli r = faultline("soak", "--minutes", "0.05", "--params-file", Path.of("..", "scenarios", "params", "small.yaml").toString(),
                "--report-dir", dir.resolve("report").toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        JsonNode soak = new ObjectMapper().readTree(dir.resolve("report/soak.json").toFile());
        assertThat(soak.get("rounds").asInt()).isPositive();
        assertThat(soak.get("heapFlat").asBoolean()).isTrue();
        assertThat(soak.get("filesFlat").asBoolean()).isTrue();
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void serveRefusesAnUnknownAdapter() {
        Cli r = faultline("serve", "--adapter", "no-such");
        assertThat(r.status()).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("report"))).isFalse();
    }
}

package dev.faultline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * baseline update, compare and compare-results through the CLI: a real regression (every put
 * made many times as slow) fails the gate with exit 1 and shows in the report, and bad baselines are
 * bad input: one line naming the file, exit 2, the file left as it was.
 */
class GateCommandsTest {
    @TempDir
    Path dir;

    private static Cli faultline(String... args) {
        return Cli.faultline(args);
    }

    private String[] gateArgs(String command, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        args.addAll(java.util.List.of("--scenario", "sustained-load", "--adapter", "reference", "--seed", "5", "-q",
                "--param", "seconds=1", "--param", "writers=1", "--param", "readShare=0",
                // no fsync: a disk's writeback moves fsync-bound figures by tens of percent between commands
                "--param", "adapter.durability=none",
                "--baseline-dir", dir.resolve("baselines").toString(), "--work-dir", dir.resolve("work").toString()));
        args.addAll(java.util.List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void aRegressionFailsTheGateAndShowsInTheReport() throws Exception {
        Cli recorded = faultline(gateArgs("baseline update", "--repeat", "10"));
        assertThat(recorded.status()).as(recorded.err()).isZero();
        Path file = dir.resolve("baselines/reference/sustained-load.json");
        assertThat(Files.readString(file)).contains("\"formatVersion\" : 1", "operationsPerSecond", "\"host\"");

        // No "unchanged passes" check against a stored batch: batches one after the other drift,
        // here in one JVM by up to 7x (a baseline batch recorded with the JIT still cold once
        // measured put p50 0.74 ms against 0.11 ms later, hiding a threefold slowdown), which is
        // why compare interleaves where it can (below); hence a twenty-one-fold slowdown here.
        Cli slower = faultline(gateArgs("compare", "--repeat", "10", "--min-effect", "0.25", "--param", "adapter.slowdownPercent=2000",
                "--report-dir", dir.resolve("slow").toString()));
        assertThat(slower.status()).as(slower.out() + slower.err()).isEqualTo(1);
        assertThat(slower.out()).contains("FAIL", "gate: FAIL (regression)");
        assertThat(Files.readString(dir.resolve("slow/report.html"))).contains("id=\"baseline-comparison\"", "95% interval");
        assertThat(Files.readString(dir.resolve("slow/comparison.json"))).contains("\"verdict\" : \"FAIL\"");

        Cli fromFiles = faultline("compare-results", "--min-effect", "0.25", "--baseline-dir", dir.resolve("baselines").toString(),
                "--report-dir", dir.resolve("again").toString(), dir.resolve("slow").toString());
        assertThat(fromFiles.status()).as(fromFiles.err()).isEqualTo(1);
    }

    @Test
    void aBaselineReRunInTurnTellsASlowdownFromNoChange() throws Exception {
        Cli unchanged = faultline(gateArgs("compare", "--repeat", "6", "--min-effect", "0.25", "--baseline-param", "adapter.durability=none",
                "--report-dir", dir.resolve("same").toString()));
        assertThat(unchanged.status()).as(unchanged.out() + unchanged.err()).isZero();
        assertThat(unchanged.err()).contains("(baseline): run 1 of 6", "(current): run 1 of 6");
        assertThat(dir.resolve("baselines")).as("no stored baseline is needed or written").doesNotExist();
        assertThat(Files.readString(dir.resolve("same/baseline/result.json"))).contains("\"scenario\" : \"sustained-load\"");

        Cli slower = faultline(gateArgs("compare", "--repeat", "6", "--min-effect", "0.25", "--param", "adapter.slowdownPercent=200",
                "--baseline-param", "adapter.slowdownPercent=0", "--report-dir", dir.resolve("slow").toString()));
        assertThat(slower.status()).as(slower.out() + slower.err()).isEqualTo(1);
        assertThat(slower.out()).contains("gate: FAIL (regression)");
    }

    @Test
    void theBaselineSideCanBeAnotherAdapterProgram() throws Exception {
        // the previous release would be another jar; this build's reference store as a process is
        // far slower than in the harness's JVM, so the current side must come out no worse
        Cli r = faultline(gateArgs("compare", "--repeat", "3", "--min-effect", "0.25",
                "--baseline-adapter-command", Cli.serveCommand("reference"), "--report-dir", dir.resolve("previous").toString()));
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(Files.readString(dir.resolve("previous/baseline/result.json"))).contains("serve --adapter reference");
        assertThat(Files.readString(dir.resolve("previous/result.json"))).contains("\"adapter\" : \"reference\"");
    }

    @Test
    void badBaselinesAreBadInputNamedAndLeftAlone() throws Exception {
        Path file = dir.resolve("baselines/reference/sustained-load.json");
        Files.createDirectories(file.getParent());

        Cli missing = faultline(gateArgs("compare"));
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no baseline for sustained-load on reference", file.toString()).hasLineCount(1);

        Files.writeString(file, "{\"formatVersion\": 1, \"scenario\": \"sustained-load\", \"samples\": {\"operationsPer");
        Cli truncated = faultline(gateArgs("compare"));
        assertThat(truncated.status()).isEqualTo(2);
        assertThat(truncated.err()).contains(file.toString(), "truncated or not JSON").hasLineCount(1);
        assertThat(Files.readString(file)).endsWith("operationsPer");

        Files.writeString(file, "{\"formatVersion\": 7, \"scenario\": \"sustained-load\"}");
        Cli otherVersion = faultline(gateArgs("compare"));
        assertThat(otherVersion.status()).isEqualTo(2);
        assertThat(otherVersion.err()).contains(file.toString(), "format version 7").hasLineCount(1);

        Cli badMode = faultline(gateArgs("compare", "--mode", "vibes"));
        assertThat(badMode.status()).isEqualTo(2);
        assertThat(badMode.err()).contains("--mode must be rank or band");
    }

    @Test
    void reportOfSomethingThatIsNotAResultIsBadInput() throws Exception {
        Path notResult = dir.resolve("notes.json");
        Files.writeString(notResult, "[1, 2, 3]");
        Cli r = faultline("report", notResult.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(notResult.toString()).hasLineCount(1);
        assertThat(dir.resolve("out")).doesNotExist();
    }
}

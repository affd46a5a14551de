package dev.faultline.report;

import dev.faultline.check.Verdict;
import dev.faultline.engine.Catalog;
import dev.faultline.engine.ScenarioRun;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reports rendered from real runs: multi-writer against the legacy store (which fails) and the
 * reference store (which passes), on three "OS legs" that differ only in their host label, merged.
 */
class ReportsTest {
    private static RunResult failing;
    private static RunResult passing;

    @BeforeAll
    static void runScenarios() throws Exception {
        failing = run("legacy", "Linux 6.1", "Eclipse Adoptium 17.0.15");
        passing = run("reference", "Linux 6.1", "Eclipse Adoptium 17.0.15");
    }

    private static RunResult run(String adapter, String os, String jdk) throws Exception {
        ScenarioResult r = ScenarioRun.of(Catalog.scenarios("multi-writer").get(0)).adapter(Catalog.builtIn(adapter, Map.of()))
                .seed(7).param("writers", "4").param("keysPerWriter", "30").baseDirectory(Path.of("target", "faultline-runs")).run();
        return new RunResult(RunResult.FORMAT_VERSION, "test", "run-" + adapter, "2026-11-22T01:00:00Z", "2026-11-22T01:00:05Z", 7,
                Map.of("os", os, "jdk", jdk), RunResult.overall(List.of(r)), List.of(r));
    }

    private static RunResult onHost(RunResult run, String os, String jdk, String startedAt) {
        return new RunResult(run.formatVersion(), run.faultlineVersion(), run.runId(), startedAt, run.finishedAt(), run.seed(),
                Map.of("os", os, "jdk", jdk), run.verdict(), run.results());
    }

    @Test
    void writesHtmlJunitAndMarkdownAtomically(@TempDir Path dir) throws Exception {
        List<Path> written = Reports.write(dir, List.of(Leg.of(failing)));
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("report.html", "junit.xml", "summary.md");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.html", "junit.xml", "summary.md");
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("id=\"verdict-matrix\"", "multi-writer", "FAIL", "faultline run --scenario multi-writer --adapter legacy --seed 7")
                .doesNotContain("src=\"http", "href=\"http"); // self-contained
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertThat(junit).contains("<testcase classname=\"faultline.linux-java-17.legacy\" name=\"multi-writer\"", "<failure type=\"");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("| `multi-writer` | `legacy` | ❌ FAIL");
    }

    @Test
    void aSkippedScenarioShowsItsReasonInTheMatrixAndGetsNoChart(@TempDir Path dir) throws Exception {
        ScenarioResult skipped = ScenarioRun.of(Catalog.scenarios("db-latency").get(0)).adapter(Catalog.builtIn("reference", Map.of()))
                .seed(7).baseDirectory(dir.resolve("runs")).run();
        assertThat(skipped.verdict()).isEqualTo(dev.faultline.check.Verdict.SKIPPED);
        RunResult run = new RunResult(RunResult.FORMAT_VERSION, "test", "run-skip", "2026-11-22T01:00:00Z", "2026-11-22T01:00:05Z", 7,
                Map.of("os", "Linux 6.1", "jdk", "17"), RunResult.overall(List.of(skipped)), List.of(skipped));
        Reports.write(dir, List.of(Leg.of(run)));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<small class=\"note\">adapter reference has no network backend");
        assertThat(html).doesNotContain("<h3>db-latency on reference");
    }

    @Test
    void mergesThreeOsLegsIntoOneMatrix(@TempDir Path dir) throws Exception {
        List<Leg> legs = List.of(Leg.of(failing), Leg.of(onHost(passing, "Windows Server 2022", "Microsoft 21.0.5", "2026-11-22T01:00:00Z")),
                Leg.of(onHost(passing, "Mac OS X 14.6", "Eclipse Adoptium 17.0.13", "2026-11-22T01:00:00Z")));
        Matrix matrix = new Matrix(legs);
        assertThat(matrix.legs()).extracting(Leg::label).containsExactly("Linux / java 17", "Windows / java 21", "Mac / java 17");
        assertThat(matrix.rows()).extracting(Matrix.Row::scenario, Matrix.Row::adapter)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("multi-writer", "legacy"), org.assertj.core.groups.Tuple.tuple("multi-writer", "reference"));
        assertThat(matrix.cells(matrix.rows().get(0))).extracting(c -> c.result() == null ? "-" : c.result().verdict().name())
                .containsExactly("FAIL", "-", "-");
        assertThat(matrix.overall()).isEqualTo(Verdict.FAIL);
        // a machine's two result files (nightly, network) fill one column
        assertThat(new Matrix(List.of(Leg.of(failing), Leg.of(passing))).legs()).hasSize(1);
        Reports.write(dir, legs);
        String md = Files.readString(dir.resolve("summary.md"));
        assertThat(md).contains("| scenario | adapter | Linux / java 17 | Windows / java 21 | Mac / java 17 |");
    }

    @Test
    void trendChartsFiguresAcrossNightsPerOs(@TempDir Path dir) throws Exception {
        List<RunResult> nights = new ArrayList<>();
        for (int night = 1; night <= 3; night++) {
            String at = "2026-11-0" + night + "T02:17:00Z";
            nights.add(onHost(passing, "Linux 6.1", "Eclipse Adoptium 17.0.15", at));
            nights.add(onHost(passing, "Windows Server 2022", "Microsoft 21.0.5", at));
        }
        String html = Files.readString(Reports.writeTrend(dir, nights));
        assertThat(html).contains("multi-writer on reference · throughput", "Linux / java 17", "Windows / java 21", "2026-11-03 02:17");
    }

    /** The page of a failing run, opened in headless Chromium: the matrix and the charts render. */
    @Test
    void headlessChromiumShowsTheMatrixAndTheCharts(@TempDir Path dir) throws Exception {
        String chromium = findChromium();
        assumeTrue(chromium != null, "no chromium on this machine (.ci/run installs it)");
        Reports.write(dir, List.of(Leg.of(failing), Leg.of(onHost(passing, "Windows Server 2022", "Microsoft 21.0.5", "2026-11-22T01:00:00Z"))));
        Path page = dir.resolve("report.html");
        Path screenshot = dir.resolve("report.png");
        String dom = chromium(chromium, dir, "--dump-dom", page.toUri().toString());
        assertThat(dom).contains("id=\"verdict-matrix\"");
        // Chart.js sizes every canvas it draws on: proof the charts rendered, not just their data
        assertThat(dom.split("<canvas").length - 1).isGreaterThanOrEqualTo(2);
        assertThat(dom).containsPattern("<canvas[^>]*style=\"[^\"]*display: block");
        chromium(chromium, dir, "--screenshot=" + screenshot, "--window-size=1280,1600", page.toUri().toString());
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        Map<Integer, Integer> colours = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.merge(image.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        assertThat(colours).containsKey(0xFFEBE9); // a FAIL cell of the matrix
        assertThat(colours.size()).isGreaterThan(50); // text, cells and chart lines, not a blank page
        Path kept = Path.of("target", "report-screenshot.png");
        Files.copy(screenshot, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String findChromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        return null;
    }

    private static String chromium(String chromium, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return out;
    }
}

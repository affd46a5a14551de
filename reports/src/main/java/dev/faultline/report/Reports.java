package dev.faultline.report;

import dev.faultline.baseline.Comparison;
import dev.faultline.result.AtomicFiles;
import dev.faultline.result.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run's reports next to its {@code result.json}, each atomically (an interrupted run
 * never leaves half a report where the last good one was): {@code report.html},
 * {@code junit.xml}, {@code summary.md}; and {@code trend.html} across stored runs.
 */
public final class Reports {
    public static final String HTML = "report.html";
    public static final String JUNIT = "junit.xml";
    public static final String MARKDOWN = "summary.md";
    public static final String TREND = "trend.html";

    private Reports() {
    }

    /** The reports of one or more legs (merged into one matrix); returns the files written. */
    public static List<Path> write(Path dir, List<Leg> legs) throws IOException {
        return write(dir, legs, List.of());
    }

    /** The same, with the release gate's comparisons against the baselines. */
    public static List<Path> write(Path dir, List<Leg> legs, List<Comparison> comparisons) throws IOException {
        Matrix matrix = new Matrix(legs);
        String title = "Faultline: " + (legs.size() == 1 ? "run " + legs.get(0).run().runId() : legs.size() + " legs");
        Path html = dir.resolve(HTML);
        Path junit = dir.resolve(JUNIT);
        Path markdown = dir.resolve(MARKDOWN);
        AtomicFiles.write(html, HtmlReport.render(title, matrix, comparisons).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(junit, JUnitXmlReport.render(matrix).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(markdown, MarkdownSummary.render(title, matrix, comparisons).getBytes(StandardCharsets.UTF_8));
        return List.of(html, junit, markdown);
    }

    public static Path writeTrend(Path dir, List<RunResult> runs) throws IOException {
        Path trend = dir.resolve(TREND);
        AtomicFiles.write(trend, TrendReport.render("Faultline: trends over " + runs.size() + " runs", runs).getBytes(StandardCharsets.UTF_8));
        return trend;
    }
}

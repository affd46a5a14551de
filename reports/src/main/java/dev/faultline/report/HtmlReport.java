package dev.faultline.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.faultline.baseline.Comparison;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Verdict;
import dev.faultline.result.ScenarioResult;
import dev.faultline.result.Timeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The self-contained HTML report of one or more legs: the verdict matrix, for every failure its
 * evidence, faults and replay command, and charts (Chart.js, inlined) of throughput and latency
 * over time with the faults marked, and of file growth where a scenario measured it.
 */
public final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVIDENCE_LINES = 40;
    private static final int FAULT_LINES = 30;
    /** Templates share their style through partials ({@code {{> style}}}). */
    static final Mustache.Compiler TEMPLATES = Mustache.compiler().defaultValue("")
            .withLoader(name -> new java.io.StringReader(resource(name + ".mustache")));
    private static final Template TEMPLATE = TEMPLATES.compile(resource("report.html.mustache"));

    private HtmlReport() {
    }

    public static String render(String title, Matrix matrix, List<Comparison> comparisons) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("generatedAt", Instant.now().toString());
        model.put("overall", matrix.overall().name());
        model.put("legCount", matrix.legs().size());
        model.put("resultCount", matrix.results().size());
        model.put("legs", matrix.legs());
        List<Map<String, Object>> problems = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Matrix.Row row : matrix.rows()) {
            List<Map<String, Object>> cells = new ArrayList<>();
            String incidents = "";
            for (Matrix.Cell cell : matrix.cells(row)) {
                Map<String, Object> c = new LinkedHashMap<>();
                ScenarioResult r = cell.result();
                c.put("present", r != null);
                if (r != null) {
                    incidents = String.join(", ", r.incidents().stream().map(i -> i.split("_")[0]).toList());
                    c.put("verdict", r.verdict().name());
                    c.put("kind", r.kind() == null ? null : r.kind().name());
                    c.put("reason", r.reason());
                    if (r.verdict() == Verdict.SKIPPED || r.verdict() == Verdict.UNKNOWN) {
                        c.put("note", clip(r.reason(), NOTE_CHARS)); // why, in the cell: not only on hover
                    }
                    if (!r.verdict().isAcceptable()) {
                        String anchor = "problem-" + (problems.size() + 1);
                        c.put("anchor", anchor);
                        problems.add(problem(anchor, cell));
                    }
                }
                cells.add(c);
            }
            rows.add(Map.of("scenario", row.scenario(), "adapter", row.adapter(), "incidents", incidents, "cells", cells));
        }
        model.put("rows", rows);
        model.put("problems", problems);
        model.put("charts", charts(matrix));
        model.put("hasBaseline", !comparisons.isEmpty());
        model.put("baseline", comparisons.stream().map(HtmlReport::comparison).toList());
        model.put("chartJs", chartJs());
        return TEMPLATE.execute(model);
    }

    private static Map<String, Object> comparison(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", c.scenario());
        m.put("adapter", c.adapter());
        m.put("figure", c.figure());
        m.put("baseline", String.format(java.util.Locale.ROOT, "%.3f (%d runs)", c.baseline(), c.baselineSamples()));
        m.put("current", String.format(java.util.Locale.ROOT, "%.3f (%d runs)", c.current(), c.currentSamples()));
        m.put("change", String.format(java.util.Locale.ROOT, "%+.1f%% worse", c.worseBy() * 100));
        m.put("interval", Double.isNaN(c.low()) ? "-" : String.format(java.util.Locale.ROOT, "%+.1f%% to %+.1f%%", c.low() * 100, c.high() * 100));
        m.put("verdict", c.verdict().name());
        m.put("cls", c.verdict().name());
        m.put("explanation", c.explanation());
        return m;
    }

    private static Map<String, Object> problem(String anchor, Matrix.Cell cell) {
        ScenarioResult r = cell.result();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("anchor", anchor);
        p.put("scenario", r.scenario());
        p.put("adapter", r.adapter());
        p.put("leg", cell.leg().label());
        p.put("verdict", r.verdict().name());
        p.put("kind", r.kind() == null ? null : r.kind().name());
        p.put("reason", r.reason());
        p.put("replay", Matrix.replayCommand(r));
        p.put("parameters", r.parameters().isEmpty() ? null : r.parameters().toString());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (CheckResult c : r.checks()) {
            if (c.verdict().isAcceptable()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checker", c.checker());
            m.put("verdict", c.verdict().name());
            m.put("kind", c.kind() == null ? null : c.kind().name());
            m.put("summary", c.summary());
            m.put("evidence", c.evidence().isEmpty() ? null : String.join("\n", c.evidence().stream().limit(EVIDENCE_LINES).toList()));
            checks.add(m);
        }
        p.put("checks", checks);
        p.put("faults", r.faults().isEmpty() ? null : lines(r.faults(), FAULT_LINES));
        p.put("runDirectory", r.runDirectory());
        return p;
    }

    private static String lines(List<String> all, int max) {
        String shown = String.join("\n", all.stream().limit(max).toList());
        return all.size() > max ? shown + "\n... and " + (all.size() - max) + " more" : shown;
    }

    /** How much of a SKIPPED or UNKNOWN reason the matrix cell shows. */
    static final int NOTE_CHARS = 90;

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static List<Map<String, Object>> charts(Matrix matrix) {
        List<Map<String, Object>> charts = new ArrayList<>();
        for (Matrix.Row row : matrix.rows()) {
            for (Matrix.Cell cell : matrix.cells(row)) {
                ScenarioResult r = cell.result();
                if (r == null) {
                    continue;
                }
                String title = r.scenario() + " on " + r.adapter() + " · " + cell.leg().label();
                Timeline t = r.timeline();
                // a skipped scenario ran nothing worth charting; its reason is in the matrix
                if (r.verdict() != Verdict.SKIPPED && t != null && t.buckets().stream().anyMatch(b -> b.operations() > 0)) {
                    List<String> faultLines = t.faults().stream().limit(FAULT_LINES)
                            .map(m -> String.format("%.2f s  %s", m.t(), m.description())).toList();
                    charts.add(chart("timeline", title, t, faultLines));
                }
                if (r.figures().get("growth") instanceof List<?> points && !points.isEmpty()) {
                    charts.add(chart("growth", title + " · file growth", Map.of("points", points), List.of()));
                }
            }
        }
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).put("id", "chart-" + (i + 1));
        }
        return charts;
    }

    private static Map<String, Object> chart(String kind, String title, Object data, List<String> faultLines) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("kind", kind);
        c.put("title", title);
        c.put("json", json(data));
        c.put("faultLines", faultLines.isEmpty() ? null : Map.of("lines", faultLines));
        return c;
    }

    /** JSON safe inside a script element: no {@code </} to end it early. */
    static String json(Object data) {
        try {
            return JSON.writeValueAsString(data).replace("</", "<\\/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Chart.js bundle, from its webjar; the version comes from the build (chartjs.properties). */
    static String chartJs() {
        return resource(chartJsPath());
    }

    private static String chartJsPath() {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = Objects.requireNonNull(HtmlReport.class.getResourceAsStream("chartjs.properties"), "missing chartjs.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "/META-INF/resources/webjars/chart.js/" + p.getProperty("version") + "/dist/chart.umd.min.js";
    }

    /** A class-path resource: relative to this package, or absolute with a leading slash. */
    static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(HtmlReport.class.getResourceAsStream(name), "missing resource " + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.faultline.report;

import com.samskivert.mustache.Template;
import dev.faultline.baseline.Baseline;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Figures over stored runs (nights), per scenario and adapter, a line per leg (OS and JDK):
 * throughput and put/get p99 latency, so a slow drift shows before a gate trips on it.
 */
public final class TrendReport {
    /** The figures charted: result figure path, chart title suffix, unit. */
    private static final List<String[]> FIGURES = List.of(
            new String[] {"operationsPerSecond", "throughput", "operations/s"},
            new String[] {"putLatencyMs.p99", "put p99", "ms"},
            new String[] {"getLatencyMs.p99", "get p99", "ms"});
    private static final Template TEMPLATE = HtmlReport.TEMPLATES.compile(HtmlReport.resource("trend.html.mustache"));

    private TrendReport() {
    }

    public static String render(String title, List<RunResult> runs) {
        List<RunResult> ordered = runs.stream().sorted(Comparator.comparing(RunResult::startedAt)).toList();
        List<String> labels = ordered.stream().map(r -> label(r.startedAt())).distinct().toList();
        Map<String, Map<String, Map<String, Double>>> byRowAndLeg = new LinkedHashMap<>(); // "scenario on adapter|figure" -> leg -> label -> value
        for (RunResult run : ordered) {
            String leg = Leg.of(run).label();
            for (ScenarioResult r : run.results()) {
                for (String[] f : FIGURES) {
                    Double value = Baseline.figure(r.figures(), f[0]);
                    if (value != null) {
                        byRowAndLeg.computeIfAbsent(r.scenario() + " on " + r.adapter() + " · " + f[1] + "|" + f[2], k -> new LinkedHashMap<>())
                                .computeIfAbsent(leg, k -> new LinkedHashMap<>()).put(label(run.startedAt()), value);
                    }
                }
            }
        }
        List<Map<String, Object>> charts = new ArrayList<>();
        for (var chart : byRowAndLeg.entrySet()) {
            String[] titleAndUnit = chart.getKey().split("\\|", 2);
            List<Map<String, Object>> series = new ArrayList<>();
            chart.getValue().forEach((leg, values) -> series.add(Map.of("leg", leg,
                    "values", labels.stream().map(values::get).toList())));
            Map<String, Object> data = Map.of("labels", labels, "unit", titleAndUnit[1], "series", series);
            charts.add(new LinkedHashMap<>(Map.of("id", "trend-" + (charts.size() + 1), "title", titleAndUnit[0],
                    "json", HtmlReport.json(data))));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("generatedAt", Instant.now().toString());
        model.put("runCount", ordered.size());
        model.put("firstRun", ordered.isEmpty() ? "-" : ordered.get(0).startedAt());
        model.put("lastRun", ordered.isEmpty() ? "-" : ordered.get(ordered.size() - 1).startedAt());
        model.put("charts", charts);
        model.put("chartJs", HtmlReport.chartJs());
        return TEMPLATE.execute(model);
    }

    /** A run's time to the minute: the x axis of a trend. */
    private static String label(String startedAt) {
        return startedAt.length() >= 16 ? startedAt.substring(0, 16).replace('T', ' ') : startedAt;
    }
}

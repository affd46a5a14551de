package dev.faultline.report;

import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;

import java.util.ArrayList;
import java.util.List;

/** The verdict table printed at the end of a run: one line per scenario and adapter. */
public final class TextSummary {
    private static final int REASON_WIDTH = 90;

    private TextSummary() {
    }

    public static String render(RunResult run) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERDICT", "SCENARIO", "ADAPTER", "KIND", "SECONDS", "REASON"});
        for (ScenarioResult r : run.results()) {
            rows.add(new String[] {r.verdict().name(), r.scenario(), r.adapter(), r.kind() == null ? "-" : r.kind().name(),
                    String.format("%.1f", r.durationMillis() / 1000.0), clip(r.reason())});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                b.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            b.append('\n');
        }
        for (ScenarioResult r : run.results()) {
            if (r.runDirectory() != null) {
                b.append("kept for inspection: ").append(r.scenario()).append(" on ").append(r.adapter())
                        .append(": ").append(r.runDirectory()).append('\n');
            }
        }
        b.append("overall: ").append(run.verdict()).append("   seed: ").append(run.seed())
                .append(" (replay with --seed ").append(run.seed()).append(")\n");
        return b.toString();
    }

    private static String clip(String s) {
        String one = s == null ? "" : s.replace('\n', ' ');
        return one.length() > REASON_WIDTH ? one.substring(0, REASON_WIDTH - 3) + "..." : one;
    }
}

package dev.faultline.report;

import dev.faultline.baseline.Comparison;
import dev.faultline.result.ScenarioResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict matrix in Markdown, for a CI job summary ({@code $GITHUB_STEP_SUMMARY}): a row per
 * scenario and adapter, a column per leg, then each problem with its reason and replay command.
 */
public final class MarkdownSummary {
    private static final int MAX_PROBLEMS = 30;

    private MarkdownSummary() {
    }

    public static String render(String title, Matrix matrix, List<Comparison> comparisons) {
        StringBuilder md = new StringBuilder("## ").append(title).append(": ").append(matrix.overall()).append("\n\n");
        List<String> header = new ArrayList<>(List.of("scenario", "adapter"));
        matrix.legs().forEach(l -> header.add(l.label()));
        row(md, header);
        row(md, header.stream().map(h -> "---").toList());
        for (Matrix.Row row : matrix.rows()) {
            List<String> cells = new ArrayList<>(List.of("`" + row.scenario() + "`", "`" + row.adapter() + "`"));
            for (Matrix.Cell cell : matrix.cells(row)) {
                ScenarioResult r = cell.result();
                cells.add(r == null ? "–" : icon(r) + " " + r.verdict() + (r.kind() != null ? " " + r.kind() : ""));
            }
            row(md, cells);
        }
        if (!comparisons.isEmpty()) {
            md.append("\n### Against the baseline\n\n");
            row(md, List.of("scenario", "figure", "baseline", "now", "worse by", "95% interval", "verdict", "why"));
            row(md, List.of("---", "---", "---", "---", "---", "---", "---", "---"));
            for (Comparison c : comparisons) {
                row(md, List.of("`" + c.scenario() + "`", c.figure(), String.format(Locale.ROOT, "%.3f", c.baseline()),
                        String.format(Locale.ROOT, "%.3f", c.current()), String.format(Locale.ROOT, "%+.1f%%", c.worseBy() * 100),
                        Double.isNaN(c.low()) ? "-" : String.format(Locale.ROOT, "%+.1f%% to %+.1f%%", c.low() * 100, c.high() * 100),
                        (c.regression() ? "❌ " : "✅ ") + c.verdict(), c.explanation()));
            }
        }
        List<Matrix.Cell> problems = matrix.problems();
        if (!problems.isEmpty()) {
            md.append("\n### What went wrong\n\n");
            for (Matrix.Cell c : problems.subList(0, Math.min(MAX_PROBLEMS, problems.size()))) {
                ScenarioResult r = c.result();
                md.append("- **").append(r.scenario()).append("** on `").append(r.adapter()).append("` (").append(c.leg().label())
                        .append("): ").append(r.verdict()).append(r.kind() != null ? " " + r.kind() : "").append(": ")
                        .append(cell(r.reason())).append(". Replay: `").append(Matrix.replayCommand(r)).append("`\n");
            }
            if (problems.size() > MAX_PROBLEMS) {
                md.append("- ... and ").append(problems.size() - MAX_PROBLEMS).append(" more in the HTML report\n");
            }
        }
        return md.toString();
    }

    private static String icon(ScenarioResult r) {
        return switch (r.verdict()) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case UNKNOWN -> "⚠️";
            case SKIPPED -> "⏭️";
        };
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append("| ").append(String.join(" | ", cells.stream().map(MarkdownSummary::cell).toList())).append(" |\n");
    }

    /** Table-safe text: no pipes or line breaks to break the row. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "/").replaceAll("[\\r\\n]+", " ");
    }
}

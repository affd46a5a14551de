package dev.faultline.report;

import dev.faultline.check.Verdict;
import dev.faultline.engine.Catalog;
import dev.faultline.result.ScenarioResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict matrix every report shows: a row per scenario and adapter, a column per leg, and
 * the results behind each cell. Files with the same leg label (a machine's nightly and network
 * runs) fill one column; where both ran the same row, the later file's result is shown.
 */
public final class Matrix {
    /** A row: one scenario against one adapter. */
    public record Row(String scenario, String adapter) {
    }

    /** A cell: the result of a row on a leg, or null where the leg did not run it. */
    public record Cell(Leg leg, ScenarioResult result) {
    }

    private final List<Leg> legs;
    private final List<Leg> files;
    private final Map<Row, Map<Integer, ScenarioResult>> cells = new LinkedHashMap<>();

    public Matrix(List<Leg> files) {
        List<Leg> columns = new ArrayList<>();
        Map<String, Integer> column = new LinkedHashMap<>();
        for (Leg file : files) {
            int i = column.computeIfAbsent(file.label(), label -> {
                columns.add(file);
                return columns.size() - 1;
            });
            for (ScenarioResult r : file.run().results()) {
                cells.computeIfAbsent(new Row(r.scenario(), r.adapter()), k -> new LinkedHashMap<>()).put(i, r);
            }
        }
        this.legs = List.copyOf(columns);
        this.files = List.copyOf(files);
    }

    public List<Leg> legs() {
        return legs;
    }

    public List<Row> rows() {
        return List.copyOf(cells.keySet());
    }

    /** The row's cells, one per leg in leg order; a cell's result is null where the leg lacks the row. */
    public List<Cell> cells(Row row) {
        List<Cell> list = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            list.add(new Cell(legs.get(i), cells.get(row).get(i)));
        }
        return list;
    }

    /** Every result that did not pass or skip, with its leg, in matrix order. */
    public List<Cell> problems() {
        List<Cell> list = new ArrayList<>();
        for (Row row : rows()) {
            for (Cell c : cells(row)) {
                if (c.result() != null && !c.result().verdict().isAcceptable()) {
                    list.add(c);
                }
            }
        }
        return list;
    }

    /** FAIL if any result failed, else UNKNOWN if any is, else PASS (SKIPPED when everything skipped). */
    public Verdict overall() {
        return dev.faultline.result.RunResult.overall(results());
    }

    /** Every result of every file, shown or not. */
    public List<ScenarioResult> results() {
        List<ScenarioResult> all = new ArrayList<>();
        files.forEach(f -> all.addAll(f.run().results()));
        return all;
    }

    /** The files the matrix was made from. */
    public List<Leg> files() {
        return files;
    }

    /** The command that replays a result from its seed (a process adapter's name is its command). */
    public static String replayCommand(ScenarioResult r) {
        boolean builtIn = Catalog.adapters().stream().anyMatch(a -> a.name().equals(r.adapter()));
        String adapter = builtIn ? "--adapter " + r.adapter() : "--adapter-command '" + r.adapter().replace("'", "'\\''") + "'";
        return "faultline run --scenario " + r.scenario() + " " + adapter + " --seed " + r.seed();
    }
}

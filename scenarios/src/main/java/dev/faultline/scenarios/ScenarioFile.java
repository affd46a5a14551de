package dev.faultline.scenarios;

import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Budget;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.scenarios.LocatedYaml.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A composed scenario from a YAML file ({@code faultline run --scenario-file FILE}). Every mistake
 * is reported as {@code FILE:LINE: what is wrong}, before anything runs.
 * <pre>
 * name: multi-writer-disk-full
 * summary: ten windows save while the disk fills
 * incidents: [000_dd760f200c178de2, 001_57d175989d950be6]
 * workload: multi-writer          # see: faultline list
 * parameters:                     # the workload's (and maxSeconds)
 *   writers: 4
 * faults:
 *   - fault: disk-full            # see: faultline list
 *     from: 0.3                   # share of the workload's steps
 *     until: 0.7                  # healed then (default 1: at the end)
 *     headroomBytes: 65536        # the fault's own settings
 * control: true                   # the workload without the faults first (default)
 * </pre>
 */
public final class ScenarioFile {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> FIELDS = Set.of("name", "summary", "incidents", "workload", "parameters", "faults", "control");

    private ScenarioFile() {
    }

    /**
     * Reads and validates one scenario file.
     *
     * @param taken names already in use (the catalogue's, other files'): a file may not shadow one
     */
    public static ComposedScenario read(Path file, Collection<String> taken) {
        Node doc = LocatedYaml.read(file);
        if (doc == null) {
            throw new BadInputException(file + ": empty; a scenario file needs at least name, summary and workload");
        }
        Map<String, Node> top = doc.mapping(file, "a scenario file must be a mapping (name, summary, workload, faults, ...)");
        top.forEach((k, v) -> {
            if (!FIELDS.contains(k)) {
                throw v.error(file, "unknown field '" + k + "' (known: name, summary, incidents, workload, parameters, faults, control)");
            }
        });
        String name = required(file, doc, top, "name").scalar(file, "name");
        Node nameNode = top.get("name");
        if (!NAME.matcher(name).matches()) {
            throw nameNode.error(file, "name '" + BadInputException.echo(name) + "' must be lower-case letters, digits and '-', at most 64");
        }
        if (taken.contains(name)) {
            throw nameNode.error(file, "name '" + name + "' is already a scenario; choose another");
        }
        String summary = required(file, doc, top, "summary").scalar(file, "summary");
        List<String> incidents = new ArrayList<>();
        if (top.containsKey("incidents")) {
            for (Node i : top.get("incidents").sequence(file, "incidents must be a list of incident report names")) {
                incidents.add(i.scalar(file, "an incident"));
            }
        }
        Node workloadNode = required(file, doc, top, "workload");
        String workloadName = workloadNode.scalar(file, "workload");
        Workload workload = Workload.all().stream().filter(w -> w.name().equals(workloadName)).findFirst().orElseThrow(() ->
                workloadNode.error(file, "unknown workload '" + BadInputException.echo(workloadName) + "' (known: "
                        + String.join(", ", Workload.all().stream().map(Workload::name).toList()) + ")"));
        Map<String, String> defaults = new LinkedHashMap<>();
        if (top.containsKey("parameters")) {
            List<ParameterSpec> specs = new ArrayList<>(workload.parameters());
            specs.add(Budget.parameter(java.time.Duration.ofMinutes(3)));
            settings(file, top.get("parameters"), "parameters of workload " + workload.name(), specs, Set.of()).forEach(defaults::put);
        }
        List<FaultSchedule.Entry> faults = new ArrayList<>();
        if (top.containsKey("faults")) {
            for (Node f : top.get("faults").sequence(file, "faults must be a list of mappings, each with 'fault:'")) {
                faults.add(fault(file, f));
            }
        }
        boolean control = true;
        if (top.containsKey("control")) {
            Node c = top.get("control");
            String text = c.scalar(file, "control");
            if (!text.equals("true") && !text.equals("false")) {
                throw c.error(file, "control must be true or false, not '" + BadInputException.echo(text) + "'");
            }
            control = Boolean.parseBoolean(text);
        }
        return new ComposedScenario(new ComposedScenario.Definition(name, summary, incidents, workload, defaults, faults, control));
    }

    private static FaultSchedule.Entry fault(Path file, Node item) {
        Map<String, Node> fields = item.mapping(file, "each fault must be a mapping with 'fault:', 'from:', 'until:' and its settings");
        Node which = fields.get("fault");
        if (which == null) {
            throw item.error(file, "a fault without 'fault:' (known: " + faultNames() + ")");
        }
        String faultName = which.scalar(file, "fault");
        Fault fault = Fault.all().stream().filter(f -> f.name().equals(faultName)).findFirst().orElseThrow(() ->
                which.error(file, "unknown fault '" + BadInputException.echo(faultName) + "' (known: " + faultNames() + ")"));
        Map<String, String> settings = settings(file, item, "fault " + fault.name(), fault.parameters(), Set.of("fault", "from", "until"));
        double from = share(file, fields.get("from"), 0);
        double until = share(file, fields.get("until"), 1);
        if (from >= until) {
            throw (fields.containsKey("until") ? fields.get("until") : item).error(file, "until (" + until + ") must come after from (" + from + ")");
        }
        return new FaultSchedule.Entry(fault, Parameters.resolve(fault.name(), fault.parameters(), settings), from, until);
    }

    private static String faultNames() {
        return String.join(", ", Fault.all().stream().map(Fault::name).toList());
    }

    private static double share(Path file, Node node, double absent) {
        if (node == null) {
            return absent;
        }
        String text = node.scalar(file, "a share");
        try {
            double v = Double.parseDouble(text.trim());
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw node.error(file, "'" + BadInputException.echo(text) + "' is not a share of the workload between 0 and 1");
    }

    /** A mapping of settings, each known to {@code specs} (besides {@code reserved}) and valid, as text. */
    private static Map<String, String> settings(Path file, Node node, String of, List<ParameterSpec> specs, Set<String> reserved) {
        Map<String, String> values = new LinkedHashMap<>();
        node.mapping(file, of + " must be a mapping").forEach((key, value) -> {
            if (reserved.contains(key)) {
                return;
            }
            ParameterSpec spec = specs.stream().filter(s -> s.name().equals(key)).findFirst().orElseThrow(() -> value.error(file,
                    "unknown setting '" + BadInputException.echo(key) + "' for " + of + " (it takes: "
                            + String.join(", ", specs.stream().map(ParameterSpec::name).toList()) + ")"));
            String text = value.scalar(file, key);
            try {
                spec.parser().apply(text);
            } catch (IllegalArgumentException e) {
                throw value.error(file, key + " of " + of + ": " + e.getMessage());
            }
            values.put(key, text);
        });
        return values;
    }

    private static Node required(Path file, Node doc, Map<String, Node> top, String field) {
        Node n = top.get(field);
        if (n == null) {
            throw doc.error(file, "'" + field + ":' is missing");
        }
        return n;
    }
}

package dev.faultline.cli;

import dev.faultline.engine.Budget;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.Scenario;
import dev.faultline.scenarios.LocatedYaml;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario parameters from a YAML file ({@code --params-file}): a mapping from scenario name to
 * its parameters, and {@code adapter} to adapter settings. Every mistake is reported as
 * {@code FILE:LINE: what is wrong}, before anything runs.
 * <pre>
 * multi-writer:
 *   writers: 4
 * write-storm:
 *   bursts: "50;20x3"
 * adapter:
 *   durability: put
 * </pre>
 */
final class ParamsFile {
    static final String ADAPTER = "adapter";

    /** Parameters by scenario name, and adapter settings under {@value #ADAPTER}. */
    record Contents(Map<String, Map<String, String>> byScenario, Map<String, String> adapterSettings) {
    }

    private ParamsFile() {
    }

    /** Reads the file; its sections may name {@code known} scenarios (the catalogue's, those of scenario files). */
    static Contents read(Path file, List<Scenario> known) {
        Map<String, Map<String, String>> byScenario = new LinkedHashMap<>();
        Map<String, String> adapter = new LinkedHashMap<>();
        LocatedYaml.Node doc = LocatedYaml.read(file);
        if (doc == null) {
            return new Contents(byScenario, adapter);
        }
        doc.mapping(file, "expected a mapping of scenario names to parameters").forEach((section, body) -> {
            Scenario scenario = null;
            if (!section.equals(ADAPTER)) {
                scenario = known.stream().filter(s -> s.name().equals(section)).findFirst().orElseThrow(() -> body.error(file,
                        "unknown scenario '" + section + "' (known: " + String.join(", ", known.stream().map(Scenario::name).toList()) + ", adapter)"));
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, LocatedYaml.Node> e : body.mapping(file, "'" + section + "' must hold a mapping of parameters").entrySet()) {
                String value = e.getValue().scalar(file, "'" + section + "." + e.getKey() + "'");
                values.put(e.getKey(), value);
                if (scenario != null) {
                    check(file, e.getValue().line(), scenario, e.getKey(), value);
                }
            }
            if (scenario == null) {
                adapter.putAll(values);
            } else {
                byScenario.put(section, values);
            }
        });
        return new Contents(byScenario, adapter);
    }

    /** Validates one parameter now, so the error can name its line. */
    private static void check(Path file, int line, Scenario scenario, String key, String value) {
        if (Budget.parametersOf(scenario).stream().map(ParameterSpec::name).noneMatch(key::equals)) {
            throw new BadInputException(file + ":" + line + ": unknown parameter '" + key + "' for scenario " + scenario.name()
                    + " (it takes: " + String.join(", ", Budget.parametersOf(scenario).stream().map(ParameterSpec::name).toList()) + ")");
        }
        try {
            Parameters.resolve(scenario.name(), Budget.parametersOf(scenario), Map.of(key, value));
        } catch (BadInputException e) {
            throw new BadInputException(file + ":" + line + ": " + e.getMessage());
        }
    }
}

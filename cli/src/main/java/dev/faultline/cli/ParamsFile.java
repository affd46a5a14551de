package dev.faultline.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.faultline.engine.Budget;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.Scenario;
import dev.faultline.scenarios.ScenarioFile;

import java.io.IOException;
import java.nio.file.Files;
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
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a YAML file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such file");
        }
        Map<String, Integer> sectionLines = new LinkedHashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Contents(byScenario, adapter);
            }
            expect(file, p, t == JsonToken.START_OBJECT, "expected a mapping of scenario names to parameters");
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String section = p.currentName();
                int line = line(p);
                refuseDuplicate(file, sectionLines, section, line);
                Scenario scenario = null;
                if (!section.equals(ADAPTER)) {
                    scenario = known.stream().filter(s -> s.name().equals(section)).findFirst().orElseThrow(() -> new BadInputException(
                            file + ":" + line + ": unknown scenario '" + section + "' (known: "
                                    + String.join(", ", known.stream().map(Scenario::name).toList()) + ", adapter)"));
                }
                expect(file, p, p.nextToken() == JsonToken.START_OBJECT, "'" + section + "' must hold a mapping of parameters");
                Map<String, String> values = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p);
                    refuseDuplicate(file, keyLines, section + "." + key, keyLine);
                    JsonToken v = p.nextToken();
                    expect(file, p, v.isScalarValue(), "'" + section + "." + key + "' must be a single value");
                    values.put(key, p.getValueAsString());
                    if (scenario != null) {
                        check(file, keyLine, scenario, key, p.getValueAsString());
                    }
                }
                if (scenario == null) {
                    adapter.putAll(values);
                } else {
                    byScenario.put(section, values);
                }
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ScenarioFile.yamlProblem(e));
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
        return new Contents(byScenario, adapter);
    }

    /** YAML parsers keep the last of two equal keys; here the second is an error, since one of the two values is a mistake. */
    private static void refuseDuplicate(Path file, Map<String, Integer> seen, String key, int line) {
        Integer first = seen.putIfAbsent(key, line);
        if (first != null) {
            throw new BadInputException(file + ":" + line + ": duplicate key '" + key + "' (first on line " + first + ")");
        }
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

    private static void expect(Path file, JsonParser p, boolean ok, String what) {
        if (!ok) {
            throw new BadInputException(file + ":" + line(p) + ": " + what);
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}

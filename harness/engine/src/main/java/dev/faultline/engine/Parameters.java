package dev.faultline.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A scenario's effective parameters: its defaults overridden by what the user gave, validated. */
public final class Parameters {
    private final Map<String, String> text;
    private final Map<String, Object> values;

    private Parameters(Map<String, String> text, Map<String, Object> values) {
        this.text = text;
        this.values = values;
    }

    /**
     * Assigns a parameter given for several scenarios at once: {@code SCENARIO.KEY} to that
     * scenario, a plain {@code KEY} to every one that takes it. False when none does.
     */
    public static boolean assign(String key, String value, Map<Scenario, Map<String, String>> overrides) {
        boolean used = false;
        for (var entry : overrides.entrySet()) {
            Scenario s = entry.getKey();
            String scoped = s.name() + ".";
            if (key.startsWith(scoped)) {
                entry.getValue().put(key.substring(scoped.length()), value);
                used = true;
            } else if (!key.contains(".") && Budget.parametersOf(s).stream().map(ParameterSpec::name).anyMatch(key::equals)) {
                entry.getValue().put(key, value);
                used = true;
            }
        }
        return used;
    }

    /**
     * Resolves overrides against a scenario's specs.
     *
     * @throws BadInputException for an unknown name or a bad value
     */
    public static Parameters resolve(String scenario, List<ParameterSpec> specs, Map<String, String> overrides) {
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        for (String name : overrides.keySet()) {
            if (!byName.containsKey(name)) {
                throw new BadInputException("unknown parameter '" + BadInputException.echo(name) + "' for scenario " + scenario
                        + " (it takes: " + String.join(", ", byName.keySet()) + ")");
            }
        }
        Map<String, String> text = new TreeMap<>();
        Map<String, Object> values = new TreeMap<>();
        for (ParameterSpec spec : specs) {
            String given = overrides.getOrDefault(spec.name(), spec.defaultValue());
            text.put(spec.name(), given);
            values.put(spec.name(), spec.parse(scenario, given));
        }
        return new Parameters(Map.copyOf(text), values);
    }

    public int intValue(String name) {
        return Math.toIntExact((Long) get(name));
    }

    public long longValue(String name) {
        return (Long) get(name);
    }

    public double doubleValue(String name) {
        return (Double) get(name);
    }

    /** The parsed value, of whatever type its spec's parser returns. */
    public <T> T value(String name, Class<T> type) {
        return type.cast(get(name));
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("no parameter " + name + " was declared");
        }
        return v;
    }

    /** The values as given (or defaulted), for the result. */
    public Map<String, String> asText() {
        return new TreeMap<>(text);
    }
}

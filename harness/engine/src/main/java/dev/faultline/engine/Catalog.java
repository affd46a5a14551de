package dev.faultline.engine;

import dev.faultline.spi.AdapterProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** The scenarios and built-in adapters on the class path, found by {@link ServiceLoader}. */
public final class Catalog {
    private Catalog() {
    }

    public static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        ServiceLoader.load(Scenario.class).forEach(all::add);
        all.sort(Comparator.comparing(Scenario::name));
        return all;
    }

    public static List<AdapterProvider> adapters() {
        List<AdapterProvider> all = new ArrayList<>();
        ServiceLoader.load(AdapterProvider.class).forEach(all::add);
        all.sort(Comparator.comparing(AdapterProvider::name));
        return all;
    }

    /**
     * Scenarios by comma-separated names, {@code all} for every one.
     *
     * @throws BadInputException naming an unknown scenario and the known ones
     */
    public static List<Scenario> scenarios(String names) {
        List<Scenario> known = scenarios();
        Set<Scenario> chosen = new LinkedHashSet<>();
        for (String name : names.split(",")) {
            String n = name.trim();
            if (n.equals("all")) {
                chosen.addAll(known);
                continue;
            }
            chosen.add(known.stream().filter(s -> s.name().equals(n)).findFirst().orElseThrow(() ->
                    new BadInputException("unknown scenario '" + BadInputException.echo(n) + "' (known: "
                            + String.join(", ", known.stream().map(Scenario::name).toList()) + ", all)")));
        }
        return List.copyOf(chosen);
    }

    public static AdapterProvider adapter(String name) {
        List<AdapterProvider> known = adapters();
        return known.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow(() ->
                new BadInputException("unknown adapter '" + BadInputException.echo(name) + "' (known: "
                        + String.join(", ", known.stream().map(AdapterProvider::name).toList())
                        + "; or give --adapter-command)"));
    }

    /** A spec for a built-in adapter; each instance is a fresh object from its provider. */
    public static AdapterSpec builtIn(String name, Map<String, String> settings) {
        AdapterProvider provider = adapter(name);
        return new AdapterSpec(name, (instance, evidenceDir) -> provider.create(), settings, true, provider.usesPostgres());
    }
}

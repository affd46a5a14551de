package dev.faultline.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The goals that run scenarios (run, compare): what to run, against which adapter, how. */
abstract class ScenarioMojo extends FaultlineMojo {
    /** Scenario names, comma-separated, or {@code all} (see {@code faultline list}). */
    @Parameter(property = "faultline.scenarios", defaultValue = "all")
    String scenarios;

    /** Scenarios composed in YAML files, run after those named. */
    @Parameter
    List<File> scenarioFiles = new ArrayList<>();

    /**
     * The adapter by its {@code AdapterProvider}'s name, found on the project's test class path
     * (or a built-in one: reference, legacy, ...). Set this or {@code adapterCommand}.
     */
    @Parameter(property = "faultline.adapter")
    String adapter;

    /** A program speaking adapter protocol v1, started once per instance. Set this or {@code adapter}. */
    @Parameter(property = "faultline.adapterCommand")
    String adapterCommand;

    /** Scenario parameters: {@code <writers>4</writers>} for every scenario taking it, {@code <multi-writer.writers>} for one. */
    @Parameter
    Map<String, String> params = new LinkedHashMap<>();

    /** Settings handed to the adapter ({@code adapter.KEY} on the command line). */
    @Parameter
    Map<String, String> adapterSettings = new LinkedHashMap<>();

    /** A YAML file of parameters and adapter settings (as {@code --params-file}); {@code params} win over it. */
    @Parameter(property = "faultline.paramsFile")
    File paramsFile;

    /** The seed of every random choice; a failing run replays from it. */
    @Parameter(property = "faultline.seed")
    Long seed;

    /** Where run directories are made. */
    @Parameter(property = "faultline.workDirectory", defaultValue = "${project.build.directory}/faultline-runs")
    File workDirectory;

    /** No progress lines in the build log. */
    @Parameter(property = "faultline.quiet", defaultValue = "false")
    boolean quiet;

    /** The options common to the scenario-running commands. */
    final List<String> scenarioArguments() throws MojoExecutionException {
        if ((adapter == null) == (adapterCommand == null)) {
            throw new MojoExecutionException("faultline: set exactly one of <adapter> (a provider's name) and <adapterCommand> (a program), not "
                    + (adapter == null ? "neither" : "both"));
        }
        if (scenarios.isBlank() && scenarioFiles.isEmpty()) {
            throw new MojoExecutionException("faultline: <scenarios> is empty and there are no <scenarioFiles>: nothing to run");
        }
        List<String> args = new ArrayList<>();
        if (!scenarios.isBlank()) {
            args.add("--scenario");
            args.add(scenarios.replaceAll("\\s+", ""));
        }
        scenarioFiles.forEach(f -> addIfSet(args, "--scenario-file", f));
        addIfSet(args, "--adapter", adapter);
        addIfSet(args, "--adapter-command", adapterCommand);
        String classpath = projectClasspath();
        if (!classpath.isEmpty()) {
            args.add("--classpath");
            args.add(classpath);
        }
        addParams(args, params, adapterSettings);
        addIfSet(args, "--params-file", paramsFile);
        addIfSet(args, "--seed", seed);
        addIfSet(args, "--work-dir", workDirectory);
        if (quiet) {
            args.add("--quiet");
        }
        return args;
    }

    @Override
    Map<String, String> elements() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("--scenario", "scenarios");
        m.put("--scenario-file", "scenarioFiles");
        m.put("--adapter", "adapter");
        m.put("--adapter-command", "adapterCommand");
        m.put("--param", "params");
        m.put("--params-file", "paramsFile");
        m.put("--seed", "seed");
        m.put("--work-dir", "workDirectory");
        m.put("--report-dir", "reportDirectory");
        return m;
    }
}

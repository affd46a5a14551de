package dev.faultline.cli;

import dev.faultline.engine.Budget;
import dev.faultline.engine.Catalog;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Scenario;
import dev.faultline.scenarios.ComposedScenario;
import dev.faultline.scenarios.Fault;
import dev.faultline.scenarios.Workload;
import dev.faultline.spi.AdapterProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** {@code faultline list}: the scenarios with their parameters, and the built-in adapters. */
@Command(name = "list", description = "List scenarios (with parameters and defaults) and built-in adapters.")
final class ListCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--classpath", paramLabel = "PATH",
            description = "your own jars or class directories, searched for adapters and scenarios (as for run)")
    String classpath;

    @Override
    public void run() {
        UserClasspath.install(classpath);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Scenarios:");
        for (Scenario s : Catalog.scenarios()) {
            out.printf("  %-20s %s%n", s.name(), s.summary());
            out.printf("  %-20s incidents: %s%n", "", String.join(", ", s.incidents()));
            if (s instanceof ComposedScenario c) {
                out.printf("  %-20s preset: %s%n", "", c.composition());
            }
            for (ParameterSpec p : Budget.parametersOf(s)) {
                out.printf("  %-20s   --param %s=%s  %s%n", "", p.name(), p.defaultValue(), p.description());
            }
        }
        out.println();
        out.println("Building blocks of scenario files (--scenario-file FILE; see README, \"Compose a scenario\"):");
        out.println("  workloads (workload: NAME; their parameters under parameters:):");
        for (Workload w : Workload.all()) {
            out.printf("    %-18s %s%n", w.name(), w.summary());
            for (ParameterSpec p : w.parameters()) {
                out.printf("    %-18s   %s: %s  %s%n", "", p.name(), p.defaultValue(), p.description());
            }
        }
        out.println("  faults (- fault: NAME, from: SHARE, until: SHARE, and its settings):");
        for (Fault f : Fault.all()) {
            out.printf("    %-18s %s%n", f.name(), f.summary());
            for (ParameterSpec p : f.parameters()) {
                out.printf("    %-18s   %s: %s  %s%n", "", p.name(), p.defaultValue(), p.description());
            }
        }
        out.println();
        out.println("Adapters (--adapter NAME; or --adapter-command \"CMD\" for any program speaking adapter protocol v1):");
        for (AdapterProvider a : Catalog.adapters()) {
            out.printf("  %-20s %s%n", a.name(), a.description());
        }
        out.flush();
    }
}

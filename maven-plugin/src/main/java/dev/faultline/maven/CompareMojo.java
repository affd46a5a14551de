package dev.faultline.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code faultline compare}: the release gate. Runs the scenarios {@code repeat} times and
 * compares their figures with the baselines the baseline goal recorded; the build fails on a regression.
 */
@Mojo(name = "compare", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST, threadSafe = false)
public class CompareMojo extends GateMojo {
    /** {@code rank} (rank test and minimum effect) or {@code band} (a 20% band on one run). */
    @Parameter(property = "faultline.mode", defaultValue = "rank")
    String mode;

    /** Where result.json, comparison.json and the reports go. */
    @Parameter(property = "faultline.reportDirectory", defaultValue = "${project.build.directory}/faultline-gate")
    File reportDirectory;

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(scenarioArguments());
        addGateArguments(args);
        addIfSet(args, "--mode", mode);
        addIfSet(args, "--report-dir", reportDirectory);
        return args;
    }

    @Override
    String failure() {
        return "the gate found a regression against the baselines in " + baselineDirectory + "; see " + new File(reportDirectory, "report.html");
    }

    @Override
    Map<String, String> elements() {
        Map<String, String> m = super.elements();
        m.put("--mode", "mode");
        return m;
    }
}

package dev.faultline.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * {@code faultline run}: the scenarios against the project's adapter; {@code result.json} and
 * {@code report.html} in {@code reportDirectory}; the build fails when a verdict is FAIL or UNKNOWN.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST, threadSafe = false)
public class RunMojo extends ScenarioMojo {
    /** Where result.json and the reports go. */
    @Parameter(property = "faultline.reportDirectory", defaultValue = "${project.build.directory}/faultline")
    File reportDirectory;

    /** A budget for the whole run, in minutes (each scenario gets its share of what is left). */
    @Parameter(property = "faultline.maxMinutes")
    Double maxMinutes;

    /** {@code K/N}: the K-th of N stable shares of the scenarios; merge the shards with the report goal. */
    @Parameter(property = "faultline.shard")
    String shard;

    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new java.util.ArrayList<>(List.of("run"));
        args.addAll(scenarioArguments());
        addIfSet(args, "--report-dir", reportDirectory);
        addIfSet(args, "--max-minutes", maxMinutes);
        addIfSet(args, "--shard", shard);
        return args;
    }

    @Override
    String failure() {
        return "a scenario did not pass (FAIL or UNKNOWN); see " + new File(reportDirectory, "report.html");
    }

    @Override
    Map<String, String> elements() {
        Map<String, String> m = super.elements();
        m.put("--max-minutes", "maxMinutes");
        m.put("--shard", "shard");
        return m;
    }
}

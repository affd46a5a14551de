package dev.faultline.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code faultline report}: one report from several results (legs of a matrix, shards of a run). */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends FaultlineMojo {
    /** result.json files, or directories holding one. */
    @Parameter(required = true)
    List<File> results = new ArrayList<>();

    /** Where the merged reports go. */
    @Parameter(property = "faultline.outputDirectory", defaultValue = "${project.build.directory}/faultline-merged")
    File outputDirectory;

    @Override
    List<String> arguments() throws MojoExecutionException {
        if (results.isEmpty()) {
            throw new MojoExecutionException("faultline: <results> is empty: name the result.json files (or their directories) to merge");
        }
        List<String> args = new ArrayList<>(List.of("report"));
        results.forEach(r -> args.add(r.getPath()));
        addIfSet(args, "--out", outputDirectory);
        return args;
    }

    @Override
    String failure() {
        return "the results could not be merged into " + outputDirectory;
    }

    @Override
    Map<String, String> elements() {
        return Map.of("--out", "outputDirectory");
    }
}

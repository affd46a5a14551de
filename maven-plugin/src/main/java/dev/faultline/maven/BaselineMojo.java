package dev.faultline.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code faultline baseline update}: runs the scenarios {@code repeat} times and stores their
 * figures as the baselines the compare goal judges against. Run it on the machine the gate runs on.
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = false)
public class BaselineMojo extends GateMojo {
    @Override
    List<String> arguments() throws MojoExecutionException {
        List<String> args = new ArrayList<>(List.of("baseline", "update"));
        args.addAll(scenarioArguments());
        addGateArguments(args);
        return args;
    }

    @Override
    String failure() {
        return "a baseline run did not pass, so no baseline was stored in " + baselineDirectory;
    }
}

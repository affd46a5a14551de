package dev.faultline.maven;

import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;
import java.util.Map;

/** The goals of the release gate (baseline, compare): where baselines are kept and how many runs make one. */
abstract class GateMojo extends ScenarioMojo {
    /** Where baselines are kept, one file per adapter and scenario. */
    @Parameter(property = "faultline.baselineDirectory", defaultValue = "${project.basedir}/faultline/baselines")
    File baselineDirectory;

    /** Runs per scenario (the rank test needs several: 20 find a 15% regression at 10% noise). */
    @Parameter(property = "faultline.repeat", defaultValue = "20")
    int repeat;

    final void addGateArguments(List<String> args) {
        addIfSet(args, "--baseline-dir", baselineDirectory);
        addIfSet(args, "--repeat", repeat);
    }

    @Override
    Map<String, String> elements() {
        Map<String, String> m = super.elements();
        m.put("--baseline-dir", "baselineDirectory");
        m.put("--repeat", "repeat");
        return m;
    }
}

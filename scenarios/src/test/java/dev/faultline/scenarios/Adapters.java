package dev.faultline.scenarios;

import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.Catalog;
import dev.faultline.process.ProcessAdapter;
import dev.faultline.process.ServeMain;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The adapters the scenario suites run against: built in, or served out of process. */
final class Adapters {
    private Adapters() {
    }

    static AdapterSpec builtIn(String name) {
        return Catalog.builtIn(name, Map.of());
    }

    /** A built-in store served by a separate JVM per instance, through the process protocol. */
    static AdapterSpec outOfProcess(String name) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ServeMain.class.getName(), name);
        return ProcessAdapter.spec("process:" + name, argv, Map.of());
    }
}

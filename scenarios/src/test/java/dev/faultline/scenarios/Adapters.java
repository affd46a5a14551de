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

    /** The example Python store of {@code fixtures/src/main/python}, or none when python3 is missing. */
    static java.util.Optional<AdapterSpec> python(String... options) {
        String name = ("python3 file_store.py " + String.join(" ", options)).strip();
        return pythonCommand(options).map(argv -> ProcessAdapter.spec(name, argv, Map.of()));
    }

    /** The command line that runs the example Python store, or none when python3 is missing. */
    static java.util.Optional<List<String>> pythonCommand(String... options) {
        Path script = Path.of("..", "fixtures", "src", "main", "python", "file_store.py").toAbsolutePath().normalize();
        String interpreter;
        try {
            // the interpreter itself: a version manager's shim (pyenv) costs 0.3 s per start, and crash-explore starts hundreds
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").redirectErrorStream(true).start();
            interpreter = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0 || interpreter.isEmpty()) {
                return java.util.Optional.empty();
            }
        } catch (java.io.IOException | InterruptedException e) {
            return java.util.Optional.empty();
        }
        List<String> argv = new java.util.ArrayList<>(List.of(interpreter, script.toString()));
        argv.addAll(List.of(options));
        return java.util.Optional.of(List.copyOf(argv));
    }

    /** A built-in store served by a separate JVM per instance, through the process protocol. */
    static AdapterSpec outOfProcess(String name) {
        return outOfProcess(name, Map.of());
    }

    /** As {@link #outOfProcess(String)}, with adapter settings. */
    static AdapterSpec outOfProcess(String name, Map<String, String> settings) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ServeMain.class.getName(), name);
        return ProcessAdapter.spec("process:" + name, argv, settings);
    }
}

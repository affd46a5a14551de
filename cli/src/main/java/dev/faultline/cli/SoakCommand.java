package dev.faultline.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.faultline.check.Verdict;
import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Catalog;
import dev.faultline.engine.Scenario;
import dev.faultline.engine.ScenarioRun;
import dev.faultline.result.AtomicFiles;
import dev.faultline.result.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code faultline soak}: every scenario in a loop (faults coming and going with them) for a
 * bounded time, watching the harness's own heap and open files. A harness that leaks is the
 * incident it was built to prevent: the soak fails when either grows past its allowance, or
 * when a scenario fails.
 */
@Command(name = "soak", description = "Run every scenario in a loop for a bounded time; check the harness's own memory and open files stay flat.")
final class SoakCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "10", description = "how long to loop (default: ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--adapter", defaultValue = "reference", description = "built-in adapter (default: ${DEFAULT-VALUE})")
    String adapter;

    @Option(names = "--params-file", paramLabel = "FILE", description = "scenario sizes for the loop, e.g. scenarios/params/small.yaml")
    Path paramsFile;

    @Option(names = "--report-dir", defaultValue = "reports/latest", description = "where soak.json goes (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the first round; each round adds one")
    long seed;

    /** Heap growth allowed over the loop, after a full collection at both ends. */
    static final long HEAP_ALLOWANCE_BYTES = 64L * 1024 * 1024;
    /** Open file descriptors allowed beyond the count at the start. */
    static final int FILES_ALLOWANCE = 16;

    @Override
    public Integer call() throws IOException {
        if (!(minutes > 0)) {
            throw new BadInputException("--minutes must be more than 0, not " + minutes);
        }
        var err = spec.commandLine().getErr();
        AdapterSpec store = Catalog.builtIn(adapter, Map.of());
        ParamsFile.Contents sizes = paramsFile == null ? new ParamsFile.Contents(Map.of(), Map.of()) : ParamsFile.read(paramsFile, Catalog.scenarios());
        List<Scenario> scenarios = Catalog.scenarios();
        Path work = Files.createTempDirectory("faultline-soak-");
        long heapStart = heapAfterGc();
        long filesStart = openFiles();
        long peakHeap = heapStart;
        long deadline = System.nanoTime() + (long) (minutes * 60e9);
        int rounds = 0;
        long operations = 0;
        Map<String, Integer> failures = new TreeMap<>();
        while (System.nanoTime() < deadline) {
            for (Scenario s : scenarios) {
                ScenarioResult r = ScenarioRun.of(s).adapter(store).params(sizes.byScenario().getOrDefault(s.name(), Map.of()))
                        .seed(seed + rounds).baseDirectory(work).run();
                operations += ((Number) r.figures().getOrDefault("operations", 0)).longValue();
                if (r.verdict() == Verdict.FAIL || r.verdict() == Verdict.UNKNOWN) {
                    failures.merge(s.name() + " " + r.verdict() + " " + r.kind() + " (seed " + r.seed() + ")", 1, Integer::sum);
                }
                peakHeap = Math.max(peakHeap, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
            }
            rounds++;
            err.printf("soak: round %d done, %d operations, heap %d MB, %d open files%n", rounds, operations,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, openFiles());
            err.flush();
        }
        long heapEnd = heapAfterGc();
        long filesEnd = openFiles();
        boolean heapFlat = heapEnd - heapStart <= HEAP_ALLOWANCE_BYTES;
        boolean filesFlat = filesStart < 0 || filesEnd - filesStart <= FILES_ALLOWANCE;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("minutes", minutes);
        report.put("rounds", rounds);
        report.put("operations", operations);
        report.put("heapAfterGcStartBytes", heapStart);
        report.put("heapAfterGcEndBytes", heapEnd);
        report.put("peakHeapBytes", peakHeap);
        report.put("openFilesStart", filesStart);
        report.put("openFilesEnd", filesEnd);
        report.put("heapFlat", heapFlat);
        report.put("filesFlat", filesFlat);
        report.put("failures", failures);
        AtomicFiles.write(reportDir.resolve("soak.json"),
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsBytes(report));
        spec.commandLine().getOut().printf("soak: %d rounds, %d operations in %.1f min; heap after GC %d -> %d MB (peak %d MB); open files %d -> %d; %d failures%n",
                rounds, operations, minutes, heapStart >> 20, heapEnd >> 20, peakHeap >> 20, filesStart, filesEnd, failures.size());
        failures.forEach((k, v) -> spec.commandLine().getOut().println("  failed: " + k + " x" + v));
        spec.commandLine().getOut().flush();
        Files.deleteIfExists(work); // empty: every passing run removed its own directory
        return heapFlat && filesFlat && failures.isEmpty() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    /** Open file descriptors of this process (Linux), or -1 where that cannot be counted. */
    private static long openFiles() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }
}

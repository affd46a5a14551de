package dev.faultline.cli;

import dev.faultline.check.Verdict;
import dev.faultline.report.Leg;
import dev.faultline.report.Matrix;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, two parts: an adapter in the user's own jar is found with {@code --classpath} without
 * rebuilding Faultline; {@code --shard K/N} runners together run everything once: each scenario
 * dealt to one shard, an io-error sweep's points and a crash exploration's states split among them.
 */
class ClasspathAndShardTest {
    @TempDir
    Path dir;

    /** A jar of the user's own: an in-memory store and its provider, compiled here against the SPI. */
    private Path userJar() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/example"));
        Files.writeString(src.resolve("MemoryStore.java"), """
                package example;
                import dev.faultline.spi.*;
                import java.util.*;
                import java.util.concurrent.ConcurrentHashMap;
                public final class MemoryStore implements StorageAdapter, AdapterProvider {
                    private static final Map<String, String> DATA = new ConcurrentHashMap<>();
                    public String name() { return "users-memory-store"; }
                    public String description() { return "a user's store, from a jar of its own"; }
                    public StorageAdapter create() { return new MemoryStore(); }
                    public Capabilities open(AdapterContext c) { return Capabilities.DEFAULT.withDurableAfter(Durability.PUT).withMultiProcess(true); }
                    public Outcome put(String c, String k, String v) { DATA.put(c + "/" + k, v); return Outcome.ok(); }
                    public Outcome get(String c, String k) { String v = DATA.get(c + "/" + k); return v == null ? Outcome.notFound() : Outcome.found(v); }
                    public Outcome delete(String c, String k) { DATA.remove(c + "/" + k); return Outcome.ok(); }
                    public Outcome list(String c) { List<String> ks = new ArrayList<>(); DATA.keySet().forEach(n -> { if (n.startsWith(c + "/")) ks.add(n.substring(c.length() + 1)); }); Collections.sort(ks); return Outcome.keys(ks); }
                    public Outcome flush() { return Outcome.ok(); }
                    public Health health() { return new Health(true, Map.of()); }
                    public void close() { }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("MemoryStore.java").toString());
        assertThat(status).isZero();
        Path jar = dir.resolve("users-store.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("example/MemoryStore.class"));
            j.write(Files.readAllBytes(classes.resolve("example/MemoryStore.class")));
            j.putNextEntry(new JarEntry("META-INF/services/dev.faultline.spi.AdapterProvider"));
            j.write("example.MemoryStore\n".getBytes());
        }
        return jar;
    }

    @Test
    void anAdapterInTheUsersJarIsFoundWithClasspath() throws Exception {
        Path jar = userJar();
        assertThat(Cli.faultline("list").out()).doesNotContain("users-memory-store");
        assertThat(Cli.faultline("list", "--classpath", jar.toString()).out()).contains("users-memory-store");
        Cli r = Cli.faultline("run", "--scenario", "multi-writer", "--adapter", "users-memory-store", "--classpath", jar.toString(),
                "--param", "writers=3", "--report-dir", dir.resolve("r").toString(), "--work-dir", dir.resolve("w").toString(), "--quiet");
        assertThat(r.status()).as(r.err()).isZero();
        Cli missing = Cli.faultline("run", "--scenario", "multi-writer", "--adapter", "reference", "--classpath", dir.resolve("nope.jar").toString(),
                "--report-dir", dir.resolve("r2").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("--classpath").contains("no such file or directory");
    }

    /** Three shards against one unsharded run: each dealt scenario once, the sweep's points split, the merged verdicts equal. */
    @Test
    void threeShardsTogetherEqualOneUnshardedRun() throws Exception {
        String scenarios = "multi-writer,disk-full,eperm-rename,generated-history,io-error-sweep,crash-explore";
        List<String> common = List.of("--scenario", scenarios, "--adapter", "reference", "--seed", "1", "--param", "keysPerWriter=10",
                "--param", "operations=50", "--param", "crash-explore.states=60", "--work-dir", dir.resolve("w").toString(), "--quiet");
        RunResult whole = run(common, dir.resolve("whole"));

        List<Path> shards = new ArrayList<>();
        List<String> dealt = new ArrayList<>();
        long pointsTried = 0;
        long statesChecked = 0;
        for (int k = 1; k <= 3; k++) {
            List<String> args = new ArrayList<>(common);
            args.addAll(List.of("--shard", k + "/3"));
            Path reports = dir.resolve("shard-" + k);
            RunResult shard = run(args, reports);
            shards.add(reports);
            for (ScenarioResult r : shard.results()) {
                switch (r.scenario()) {
                    case "io-error-sweep" -> pointsTried += ((Number) r.figures().get("injectionPointsTried")).longValue();
                    case "crash-explore" -> statesChecked += ((Number) r.figures().get("statesChecked")).longValue();
                    default -> dealt.add(r.scenario());
                }
            }
            assertThat(shard.results()).extracting(ScenarioResult::scenario).contains("io-error-sweep", "crash-explore");
        }
        assertThat(dealt).containsExactlyInAnyOrder("multi-writer", "disk-full", "eperm-rename", "generated-history");
        ScenarioResult wholeSweep = result(whole, "io-error-sweep");
        assertThat(pointsTried).as("every injection point of the unsharded sweep, each in one shard (a shard may try up to 2 beyond the end)")
                .isBetween(((Number) wholeSweep.figures().get("injectionPointsTried")).longValue(),
                        ((Number) wholeSweep.figures().get("injectionPointsTried")).longValue() + 2 * 2);
        assertThat(statesChecked).isEqualTo(((Number) result(whole, "crash-explore").figures().get("statesChecked")).longValue());

        Path merged = dir.resolve("merged");
        List<String> report = new ArrayList<>(List.of("report"));
        shards.forEach(s -> report.add(s.toString()));
        report.addAll(List.of("--out", merged.toString()));
        assertThat(Cli.faultline(report.toArray(String[]::new)).status()).isZero();
        Matrix matrix = new Matrix(shards.stream().map(s -> Leg.of(ResultJson.read(s.resolve(ResultJson.FILE_NAME)))).toList());
        for (ScenarioResult r : whole.results()) {
            Matrix.Row row = matrix.rows().stream().filter(x -> x.scenario().equals(r.scenario())).findFirst().orElseThrow();
            assertThat(matrix.cells(row).stream().filter(c -> c.result() != null).map(c -> c.result().verdict()).toList())
                    .as(r.scenario()).containsOnly(r.verdict());
        }
        assertThat(matrix.overall()).isEqualTo(whole.verdict());
        assertThat(merged.resolve("report.html")).isNotEmptyFile();
        assertThat(Cli.faultline("run", "--scenario", "multi-writer", "--shard", "0/2", "--adapter", "reference").status()).isEqualTo(2);
    }

    /** A failure at one injection point fails the shard that tried it: sharding loses no finding. */
    @Test
    void aSweepsFailureIsFoundByTheShardThatTriesIt() throws Exception {
        List<String> common = List.of("--scenario", "io-error-sweep", "--adapter", "legacy", "--seed", "1", "--work-dir", dir.resolve("w").toString(), "--quiet");
        RunResult whole = run(common, dir.resolve("whole"));
        assertThat(whole.verdict()).isEqualTo(Verdict.FAIL);
        List<Verdict> verdicts = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            List<String> args = new ArrayList<>(common);
            args.addAll(List.of("--shard", k + "/2"));
            verdicts.add(run(args, dir.resolve("shard-" + k)).verdict());
        }
        assertThat(verdicts).contains(Verdict.FAIL);
    }

    private static RunResult run(List<String> args, Path reports) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(args);
        all.addAll(List.of("--report-dir", reports.toString()));
        Cli r = Cli.faultline(all.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isIn(0, 1);
        return ResultJson.read(reports.resolve(ResultJson.FILE_NAME));
    }

    private static ScenarioResult result(RunResult run, String scenario) {
        return run.results().stream().filter(r -> r.scenario().equals(scenario)).findFirst().orElseThrow();
    }
}

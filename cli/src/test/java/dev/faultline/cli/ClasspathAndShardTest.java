package dev.faultline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * rebuilding Faultline; {@code --shard K/N} runners together run each chosen scenario once.
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

    @Test
    void threeShardsRunEachScenarioOnce() throws Exception {
        List<String> all = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path reports = dir.resolve("shard-" + k);
            Cli r = Cli.faultline("run", "--scenario", "multi-writer,disk-full,eperm-rename,generated-history", "--shard", k + "/3",
                    "--adapter", "reference", "--seed", "1", "--param", "keysPerWriter=10", "--param", "operations=50",
                    "--report-dir", reports.toString(), "--work-dir", dir.resolve("w").toString(), "--quiet");
            assertThat(r.status()).as(r.err()).isZero();
            for (JsonNode result : new ObjectMapper().readTree(reports.resolve("result.json").toFile()).get("results")) {
                all.add(result.get("scenario").asText());
            }
        }
        assertThat(all).containsExactlyInAnyOrder("multi-writer", "disk-full", "eperm-rename", "generated-history");
        assertThat(Cli.faultline("run", "--scenario", "multi-writer", "--shard", "0/2", "--adapter", "reference").status()).isEqualTo(2);
    }
}

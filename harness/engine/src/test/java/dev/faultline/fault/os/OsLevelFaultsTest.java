package dev.faultline.fault.os;

import dev.faultline.process.ProcessAdapter;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real faults done to a running external program (the example Python store): an immutable
 * directory (real EPERM, root included) and a directory removed under it.
 */
class OsLevelFaultsTest {
    private static final Path PYTHON_STORE = Path.of("..", "..", "fixtures", "src", "main", "python", "file_store.py").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    private StorageAdapter store;

    @BeforeEach
    void startTheProgram() throws Exception {
        assumeTrue(Platform.command("python3").isPresent(), "python3 is not installed");
        store = new ProcessAdapter(List.of("python3", PYTHON_STORE.toString()), tmp.resolve("stderr.log"));
        store.open(new AdapterContext(tmp.resolve("root"), 0, Map.of()));
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void anImmutableDirectoryGivesARealEpermThatHealsWhenCleared() throws Exception {
        assumeTrue(Immutable.whyNot().isEmpty(), () -> Immutable.whyNot().orElse(""));
        assertThat(store.put("c", "k", "v1").isOk()).isTrue();
        Path collection = tmp.resolve("root").resolve("c.c");
        Outcome refused;
        try (Immutable ignored = Immutable.set(collection)) {
            refused = store.put("c", "k", "v2");
        }
        assertThat(refused.isError()).isTrue();
        assertThat(refused.error()).startsWith("EPERM");
        assertThat(store.get("c", "k").value()).isEqualTo("v1");
        assertThat(store.put("c", "k", "v3").isOk()).isTrue();
        assertThat(store.get("c", "k").value()).isEqualTo("v3");
    }

    @Test
    void aDirectoryRemovedUnderTheRunningProgramIsCreatedAgain() throws Exception {
        assertThat(store.put("c", "k", "v1").isOk()).isTrue();
        try (Stream<Path> paths = Files.walk(tmp.resolve("root"))) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThat(store.put("c", "k2", "v2").isOk()).isTrue();
        assertThat(store.get("c", "k2").value()).isEqualTo("v2");
        assertThat(store.get("c", "k").status()).isEqualTo(Outcome.Status.NOT_FOUND);
    }
}

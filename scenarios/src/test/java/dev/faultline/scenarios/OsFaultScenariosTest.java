package dev.faultline.scenarios;

import dev.faultline.fault.os.Platform;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static dev.faultline.check.FailureKind.SILENT_LOSS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real operating-system faults against process adapters: a size-limited tmpfs for disk-full,
 * libfiu for EPERM on rename. They run where the platform allows (Linux as root, libfiu
 * installed: CI here) and are skipped with the reason elsewhere.
 */
class OsFaultScenariosTest {

    @AfterEach
    void nothingIsLeftMounted() throws Exception {
        if (Platform.isLinux()) {
            String runs = ScenarioSuite.RUNS.toAbsolutePath().normalize().toString();
            assertThat(Files.readAllLines(Path.of("/proc/mounts"))).noneMatch(line -> line.contains(runs));
        }
    }

    private static void assumeTmpfs() {
        assumeTrue(Platform.whyNoTmpfs().isEmpty(), () -> Platform.whyNoTmpfs().orElse(""));
    }

    private static void assumeLibfiu() {
        assumeTrue(Platform.whyNoLibfiu().isEmpty(), () -> Platform.whyNoLibfiu().orElse(""));
    }

    @Test
    void diskFullOnARealTmpfsReferencePasses() throws Exception {
        assumeTmpfs();
        ScenarioResult r = ScenarioSuite.run("disk-full", Adapters.outOfProcess("reference"));
        assertThat(r).passed();
        assertThat(r.faults()).anyMatch(f -> f.contains("tmpfs"));
    }

    @Test
    void diskFullOnARealTmpfsLegacyLosesWhatItAcknowledged() throws Exception {
        assumeTmpfs();
        assertThat(ScenarioSuite.run("disk-full", Adapters.outOfProcess("legacy"))).failedWith(SILENT_LOSS);
    }

    @Test
    void diskFullOnARealTmpfsThePythonStorePasses() throws Exception {
        assumeTmpfs();
        var python = Adapters.python();
        assumeTrue(python.isPresent(), "python3 is not installed");
        assertThat(ScenarioSuite.run("disk-full", python.get())).passed();
    }

    @Test
    void epermRenameThroughLibfiuReferenceRetriesAndPasses() throws Exception {
        assumeLibfiu();
        ScenarioResult r = ScenarioSuite.run("eperm-rename", Adapters.outOfProcess("reference"), "writes=20");
        assertThat(r).passed();
        assertThat(r.faults()).anyMatch(f -> f.contains("posix/io/dir/rename"));
    }

    @Test
    void epermRenameThroughLibfiuLegacyLosesItsSaves() throws Exception {
        assumeLibfiu();
        assertThat(ScenarioSuite.run("eperm-rename", Adapters.outOfProcess("legacy"), "writes=20")).failedWith(SILENT_LOSS);
    }

    @Test
    void withoutThePlatformTheScenarioIsSkippedWithTheReason() throws Exception {
        assumeTrue(Platform.whyNoLibfiu().isPresent(), "libfiu is here; the skip path is exercised elsewhere");
        ScenarioResult r = ScenarioSuite.run("eperm-rename", Adapters.outOfProcess("reference"));
        assertThat(r.reason()).contains("libfiu");
    }
}

package dev.faultline.junit;

import dev.faultline.fault.Errno;
import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultFileSystems.Flavor;
import dev.faultline.fault.FaultRule;
import dev.faultline.fault.IoOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(FaultFileSystemExtension.class)
class FaultFileSystemExtensionTest {
    private static final List<Path> DISK_DIRECTORIES = new ArrayList<>();

    @Test
    void injectsARootOnTheRealDiskAndItsController(@FaultRoot Path root, FaultController faults) throws Exception {
        DISK_DIRECTORIES.add(Path.of(root.toString()));
        Files.writeString(root.resolve("a.json"), "{}");
        faults.add(FaultRule.on(IoOp.RENAME).fail(Errno.EPERM));
        assertThatThrownBy(() -> Files.move(root.resolve("a.json"), root.resolve("b.json"))).hasMessageContaining("Operation not permitted");
        assertThat(faults.events()).hasSize(1);
    }

    @Test
    void givesWindowsRulesOnJimfs(@FaultRoot(value = Flavor.JIMFS_WINDOWS, seed = 7) Path root) throws Exception {
        assertThat(root.toString()).startsWith("C:\\");
        Files.writeString(root.resolve("A.txt"), "x");
        assertThat(Files.exists(root.resolve("a.txt"))).isTrue();
    }

    @AfterAll
    static void temporaryDirectoriesOnDiskAreDeleted() {
        assertThat(DISK_DIRECTORIES).isNotEmpty().allMatch(p -> !Files.exists(p));
    }
}

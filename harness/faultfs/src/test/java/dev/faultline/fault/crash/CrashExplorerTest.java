package dev.faultline.fault.crash;

import dev.faultline.fault.Errno;
import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultFileSystem;
import dev.faultline.fault.FaultFileSystems;
import dev.faultline.fault.FaultRule;
import dev.faultline.fault.IoOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer as a user's own test would call it: a workload on a fault file system over the
 * real disk, recorded; every crash state at the end of the trace written out to a real directory
 * and read back. What each model keeps and drops (docs/crash-model.md).
 */
class CrashExplorerTest {
    @TempDir
    Path temp;

    /** What the file {@code name} holds in each crash state at the end of the trace (null: absent). */
    private List<String> statesOf(Trace trace, PersistenceModel model, String name) throws IOException {
        List<String> seen = new ArrayList<>();
        int n = 0;
        for (CrashState state : new CrashExplorer(trace, model).statesAtEnd(256, 1)) {
            Path root = Files.createDirectories(temp.resolve("state-" + model + "-" + n++));
            state.materialize(root);
            Path file = root.resolve(name);
            seen.add(Files.exists(file) ? Files.readString(file) : null);
        }
        return seen;
    }

    private static void write(Path file, String text, boolean force, StandardOpenOption... options) throws IOException {
        try (FileChannel ch = FileChannel.open(file, options)) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            if (force) {
                ch.force(true);
            }
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private interface Workload {
        void run(Path root) throws IOException;
    }

    private Trace record(FaultController controller, Workload workload) throws IOException {
        try (FaultFileSystem fs = FaultFileSystems.create(FaultFileSystems.Flavor.DISK, Files.createDirectories(temp.resolve("store")), controller)) {
            Trace trace = controller.startTrace(System::nanoTime);
            workload.run(fs.root());
            return trace;
        }
    }

    @Test
    void aRenamedFileIsDurableOnlyOnceItsDirectoryIsForced() throws IOException {
        Trace careless = record(new FaultController(1), root -> {
            write(root.resolve("a.tmp"), "value", true, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(root.resolve("a.tmp"), root.resolve("a"), StandardCopyOption.ATOMIC_MOVE);
        });
        assertThat(statesOf(careless, PersistenceModel.POSIX, "a")).contains(null, "value").doesNotContain("");
        assertThat(statesOf(careless, PersistenceModel.EXT4_ORDERED, "a")).contains(null, "value");

        Trace careful = record(new FaultController(1), root -> {
            write(root.resolve("b.tmp"), "value", true, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(root.resolve("b.tmp"), root.resolve("b"), StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(root);
        });
        assertThat(statesOf(careful, PersistenceModel.POSIX, "b")).containsOnly("value");
    }

    @Test
    void onExt4AnyFsyncCommitsTheEntriesMadeBeforeIt() throws IOException {
        Trace trace = record(new FaultController(1), root -> write(root.resolve("a"), "value", true, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        assertThat(statesOf(trace, PersistenceModel.POSIX, "a")).contains(null, "value");
        assertThat(statesOf(trace, PersistenceModel.EXT4_ORDERED, "a")).containsOnly("value");
    }

    @Test
    void aRenameOverAFileBeforeItsDataIsForcedMayLeaveItEmptyExceptOnExt4() throws IOException {
        Trace trace = record(new FaultController(1), root -> {
            write(root.resolve("a"), "old", true, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            forceDirectory(root);
            write(root.resolve("a.tmp"), "new", false, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(root.resolve("a.tmp"), root.resolve("a"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(root);
        });
        assertThat(statesOf(trace, PersistenceModel.POSIX, "a")).contains("", "new").doesNotContain((String) null);
        assertThat(statesOf(trace, PersistenceModel.EXT4_ORDERED, "a")).containsOnly("new");
    }

    @Test
    void aFailedFsyncLosesItsDataForGoodThoughTheRetrySucceeds() throws IOException {
        FaultController controller = new FaultController(1);
        controller.add(FaultRule.on(IoOp.FORCE).fail(Errno.EIO).times(1).named("eio"));
        Trace trace = record(controller, root -> {
            try (FileChannel ch = FileChannel.open(root.resolve("a"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap("lost".getBytes(StandardCharsets.UTF_8)));
                try {
                    ch.force(true);
                } catch (IOException expected) {
                    ch.force(true); // the retry "succeeds": fsyncgate
                }
            }
            forceDirectory(root);
        });
        assertThat(statesOf(trace, PersistenceModel.POSIX, "a")).containsOnly("");
    }

    @Test
    void forcedBytesAreNeverTornAndUnforcedOnesTearOnlyAtSectorBoundaries() throws IOException {
        String forced = "f".repeat(1000);
        String appended = "x".repeat(3000);
        Trace trace = record(new FaultController(1), root -> {
            write(root.resolve("log"), forced, true, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            forceDirectory(root);
            write(root.resolve("log"), appended, false, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        });
        List<String> states = statesOf(trace, PersistenceModel.POSIX, "log");
        assertThat(states).contains(forced, forced + appended);
        assertThat(states).allSatisfy(s -> {
            assertThat(s).startsWith(forced);
            assertThat(s.length() == 1000 || s.length() == 4000 || s.length() % CrashPoint.SECTOR == 0).isTrue();
        });
        assertThat(states).anySatisfy(s -> assertThat(s.length()).isStrictlyBetween(1000, 4000));
    }
}

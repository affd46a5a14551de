package dev.faultline.fault.os;

import dev.faultline.fault.crash.CrashExplorer;
import dev.faultline.fault.crash.CrashPoint;
import dev.faultline.fault.crash.CrashState;
import dev.faultline.fault.crash.PersistenceModel;
import dev.faultline.fault.crash.Trace;
import dev.faultline.fault.crash.TraceEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The strace recording of a real process: every way a program writes (write, pwrite, writev,
 * O_APPEND, lseek, ftruncate, truncate, *at calls relative to a directory descriptor, renames,
 * unlinks, directories, binary data) comes back so exactly that the crash state "everything
 * persisted" is byte for byte what the process left on disk. Needs strace and python3 (Linux).
 */
class StraceTest {
    private static final String PROGRAM = """
            import os, sys
            root = sys.argv[1]
            os.makedirs(os.path.join(root, "d"))
            with open(os.path.join(root, "d", "a.tmp"), "wb") as f:
                f.write(bytes(range(256)) * 5)
                f.flush(); os.fsync(f.fileno())
            os.replace(os.path.join(root, "d", "a.tmp"), os.path.join(root, "d", "a"))
            fd = os.open(os.path.join(root, "b"), os.O_WRONLY | os.O_CREAT, 0o644)
            os.pwrite(fd, b"0123456789", 100)
            os.writev(fd, [b"head", b"-", b"tail"])
            os.lseek(fd, 2, os.SEEK_SET)
            os.write(fd, b"XY")
            os.ftruncate(fd, 50)
            os.fsync(fd)
            os.close(fd)
            with open(os.path.join(root, "log"), "ab") as f:
                f.write(b"one\\n")
            with open(os.path.join(root, "log"), "ab") as f:
                f.write(b"two, with \\"quotes\\" and a comma\\n")
            os.truncate(os.path.join(root, "log"), 20)
            dfd = os.open(os.path.join(root, "d"), os.O_RDONLY)
            with open(os.path.join(root, "d", "c"), "w") as f:
                f.write("c")
            os.rename("c", "e", src_dir_fd=dfd, dst_dir_fd=dfd)
            os.mkdir("sub", dir_fd=dfd)
            os.unlink("a", dir_fd=dfd)
            os.fsync(dfd)
            os.close(dfd)
            with open(os.path.join(root, "gone"), "w") as f:
                f.write("x")
            os.unlink(os.path.join(root, "gone"))
            """;

    @TempDir
    Path temp;

    @BeforeEach
    void needsStraceAndPython() {
        assumeTrue(Strace.whyNot().isEmpty(), () -> Strace.whyNot().orElse(""));
        assumeTrue(Platform.command("python3").isPresent(), "python3 is not installed");
    }

    private Trace record(Path root, int failFsyncAt) throws Exception {
        Path script = Files.writeString(temp.resolve("program.py"), PROGRAM);
        Strace strace = new Strace(temp.resolve("strace.txt"), root, failFsyncAt, System::nanoTime);
        Process p = new ProcessBuilder(strace.wrap(List.of("python3", script.toString(), root.toString())))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isEqualTo(failFsyncAt > 0 ? 1 : 0);
        return strace.read();
    }

    @Test
    void everythingPersistedIsExactlyWhatTheProcessLeftOnDisk() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Trace trace = record(root, 0);
        CrashExplorer explorer = new CrashExplorer(trace, PersistenceModel.POSIX);
        CrashPoint end = explorer.at(List.of(trace.events().size())).get(0);
        CrashState everything = end.states(2, new SplittableRandom(1)).get(1);
        assertThat(everything.deviations()).isEmpty();
        Path rebuilt = Files.createDirectories(temp.resolve("rebuilt"));
        everything.materialize(rebuilt);
        assertThat(tree(rebuilt)).isEqualTo(tree(root));
        assertThat(tree(root)).containsKeys("b", "log", "d/e", "d/sub/").doesNotContainKeys("d/a", "gone");
    }

    @Test
    void theNthFsyncFailsWithEioAndIsRecordedAsFailed() throws Exception {
        Trace trace = record(Files.createDirectories(temp.resolve("root")), 1);
        assertThat(trace.events()).filteredOn(e -> e instanceof TraceEvent.ForceFailed).hasSize(1)
                .first().extracting(TraceEvent::describe).asString().contains("d/a.tmp");
    }

    /** Every file's bytes and every directory (as "path/"), by path relative to {@code root}. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(p -> !p.equals(root)).toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    all.put(rel + "/", "");
                } else {
                    all.put(rel, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return all;
    }
}

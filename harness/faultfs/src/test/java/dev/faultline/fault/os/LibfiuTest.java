package dev.faultline.fault.os;

import dev.faultline.fault.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** libfiu's remote control, against a real process started under it. */
class LibfiuTest {
    @TempDir
    Path dir;

    /**
     * eperm-rename enables a failure point from the load thread while the timer disables the last
     * window's: commands to one process come from two threads at once. Sent at once, two fiu-ctrl
     * could both be answered to one reader and the other waited for good (by hand, 40 enables and
     * 40 disables from two shell loops: one of them hung). Each command here answers.
     */
    @Test
    void commandsFromTwoThreadsToOneProcessAllAnswer() throws Exception {
        assumeTrue(Platform.whyNoLibfiu().isEmpty(), () -> Platform.whyNoLibfiu().orElse(""));
        Libfiu libfiu = new Libfiu(dir.resolve("fiu"));
        Process target = new ProcessBuilder(libfiu.wrap(List.of("sleep", "120"))).start();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Path in = dir.resolve("fiu-" + target.pid() + ".in");
            for (int i = 0; i < 100 && !Files.exists(in); i++) {
                Thread.sleep(50); // the process's remote-control thread makes its pipes at start
            }
            assertThat(in).exists();
            Future<?> enables = threads.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    libfiu.enable(target.pid(), Libfiu.RENAME, Errno.EPERM);
                }
                return null;
            });
            Future<?> disables = threads.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    libfiu.disable(target.pid(), Libfiu.RENAME);
                }
                return null;
            });
            // each fiu-ctrl takes milliseconds; a hung one waits 30 s before it fails
            enables.get(60, TimeUnit.SECONDS);
            disables.get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
            target.destroyForcibly().waitFor();
        }
    }
}

package dev.faultline.engine;

import dev.faultline.fault.Errno;
import dev.faultline.fault.os.Libfiu;
import dev.faultline.fault.os.Strace;
import dev.faultline.fault.os.WindowsScanner;
import dev.faultline.fault.os.Platform;
import dev.faultline.fault.os.Tmpfs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Real operating-system faults for a run, for adapters the JVM's fault file system cannot reach:
 * a size-limited tmpfs under the root (real ENOSPC) and libfiu failure points in the adapter's
 * processes. Each is checked for at run time; where the platform lacks it the scenario is
 * SKIPPED with the reason. Everything is undone when the run ends, or when it is interrupted.
 */
public final class OsFaults implements AutoCloseable {
    private final RunContext ctx;
    private final Path root;
    private final Path controlDir;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faultline-os-faults");
        t.setDaemon(true);
        return t;
    });
    private Tmpfs tmpfs;
    private Libfiu libfiu;
    private WindowsScanner windowsScanner;
    /** Per failure point, when its latest window ends: an earlier window's end must not cut it short. */
    private final java.util.Map<String, Long> windowEnds = new java.util.HashMap<>(); // guarded by itself

    OsFaults(RunContext ctx, Path root, Path controlDir) {
        this.ctx = ctx;
        this.root = root;
        this.controlDir = controlDir;
    }

    /** Mounts a tmpfs of {@code sizeBytes} on the root; before the first open. */
    public synchronized Tmpfs tmpfs(long sizeBytes) throws IOException {
        Platform.whyNoTmpfs().ifPresent(reason -> {
            throw new ScenarioSkipped(reason);
        });
        if (tmpfs == null) {
            tmpfs = Tmpfs.mount(root, sizeBytes);
            Cleanup.register(tmpfs);
            ctx.history().recordFault("tmpfs of " + sizeBytes + " bytes mounted on " + root);
        }
        return tmpfs;
    }

    /** Starts every process instance opened from now on under libfiu; a process adapter only. */
    public synchronized void useLibfiu() throws IOException {
        if (ctx.inProcess()) {
            throw new ScenarioSkipped("libfiu acts on a separate process; the adapter runs in this JVM, where the fault file system serves instead");
        }
        Platform.whyNoLibfiu().ifPresent(reason -> {
            throw new ScenarioSkipped(reason);
        });
        if (libfiu == null) {
            java.nio.file.Files.createDirectories(controlDir);
            libfiu = new Libfiu(controlDir.resolve("fiu"));
            ctx.wrapProcesses(libfiu::wrap);
        }
    }

    /**
     * Starts every process instance opened from now on under strace, recording its file-system
     * calls for the crash explorer (and failing its {@code failFsyncAt}th fsync with EIO, 0: none);
     * a process adapter only, SKIPPED where strace is missing or ptrace is not permitted.
     */
    public synchronized Strace strace(int failFsyncAt) throws IOException {
        if (ctx.inProcess()) {
            throw new ScenarioSkipped("strace records a separate process; the adapter runs in this JVM, where the fault file system records instead");
        }
        Strace.whyNot().ifPresent(reason -> {
            throw new ScenarioSkipped(reason);
        });
        java.nio.file.Files.createDirectories(controlDir);
        Strace strace = new Strace(controlDir.resolve("strace.txt"), root, failFsyncAt, ctx.history()::now);
        ctx.wrapProcesses(strace::wrap);
        return strace;
    }

    /**
     * Makes {@code point} fail with {@code errno} in every running instance for {@code duration},
     * then lets it work again (a scanner holding a file, a disk briefly refusing).
     */
    public void failFor(String point, Errno errno, Duration duration) throws IOException {
        List<Long> pids = ctx.snapshotInstances().stream().flatMap(i -> i.process().stream())
                .map(Instance.ExternalProcess::pid).toList();
        synchronized (windowEnds) { // a window's end must not disable the next window, opened meanwhile
            windowEnds.merge(point, System.nanoTime() + duration.toNanos(), Math::max);
            for (long pid : pids) {
                libfiu.enable(pid, point, errno);
            }
        }
        ctx.history().recordFault(String.format("%s fails with %s for %d ms in %d processes", point, errno, duration.toMillis(), pids.size()));
        timer.schedule(() -> {
            synchronized (windowEnds) {
                if (System.nanoTime() < windowEnds.getOrDefault(point, 0L)) {
                    return; // a later window is still open; its own end disables the point
                }
                for (long pid : pids) {
                    try {
                        libfiu.disable(pid, point);
                    } catch (IOException e) {
                        // the process may have exited meanwhile; nothing is left to disable
                    }
                }
            }
        }, duration.toNanos() + 1_000_000, TimeUnit.NANOSECONDS);
    }

    /**
     * On Windows, a real scanner: files written under the root are held open for {@code hold}, so
     * renames onto them fail with real sharing violations (any adapter, in the JVM or a process).
     * Empty elsewhere, where the caller simulates instead.
     */
    public synchronized Optional<WindowsScanner> windowsScanner(Duration hold) throws IOException {
        if (WindowsScanner.whyNot().isPresent()) {
            return Optional.empty();
        }
        if (windowsScanner == null) {
            windowsScanner = WindowsScanner.start(root, hold, ctx.history()::recordFault);
        }
        return Optional.of(windowsScanner);
    }

    @Override
    public synchronized void close() throws IOException {
        timer.shutdownNow();
        if (windowsScanner != null) {
            windowsScanner.close();
            windowsScanner = null;
        }
        if (tmpfs != null) {
            tmpfs.close();
            Cleanup.unregister(tmpfs);
            tmpfs = null;
        }
    }
}

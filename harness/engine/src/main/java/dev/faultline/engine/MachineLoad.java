package dev.faultline.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The machine's state beside a run, so a missed time objective can be told apart from a machine
 * that was busy with something else (a correct store's cold start took 1.8 s with load average 7
 * and 0.3 s minutes later). On Linux, every second: the share of all CPUs that processes other
 * than the harness and its descendants (the adapter's processes) kept busy, from {@code /proc}.
 * Plus, once per JVM, a short calibration: 4 KiB write+fsync rate on the run's disk and a fixed
 * CPU loop, recorded with every result.
 */
public final class MachineLoad {
    /**
     * Others keeping more than this share of all CPUs busy is an overloaded machine. Measured here:
     * two CPU burners beside a busy harness on 2 cores show as 0.45 to 0.94 (the harness takes its
     * part), one burner as about 0.3 to 0.5.
     */
    static final double OVERLOADED_SHARE = 0.4;
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static volatile Map<String, Object> calibration;

    private record Sample(long nanos, long totalTicks, long busyTicks, long ownTicks) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final boolean available = Files.isReadable(PROC_STAT);

    /** Takes a sample (the watchdog calls it about once a second). */
    synchronized void sample() {
        if (!available) {
            return;
        }
        long now = System.nanoTime();
        if (!samples.isEmpty() && now - samples.peekLast().nanos() < 900_000_000L) {
            return;
        }
        try {
            String[] cpu = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0); // idle + iowait
            samples.addLast(new Sample(now, total, total - idle, ownTreeTicks()));
            if (samples.size() > 3600) {
                samples.removeFirst();
            }
        } catch (IOException | RuntimeException e) {
            // a kernel without these fields: no load figures, objectives judged as measured
        }
    }

    /** CPU ticks of this process and its descendants (children that have exited are counted in cutime). */
    private static long ownTreeTicks() {
        long ticks = ticksOf(ProcessHandle.current().pid());
        for (ProcessHandle h : ProcessHandle.current().descendants().toList()) {
            ticks += ticksOf(h.pid());
        }
        return ticks;
    }

    private static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]); // utime stime cutime cstime
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile
        }
    }

    /** The share of all CPUs others kept busy since {@code sinceNanos}, or empty when it cannot be told. */
    synchronized Optional<Double> othersShareSince(long sinceNanos) {
        sample();
        Sample first = null;
        for (Sample s : samples) {
            if (s.nanos() <= sinceNanos) {
                first = s;
            }
        }
        if (first == null) {
            first = samples.peekFirst();
        }
        Sample last = samples.peekLast();
        if (first == null || last == null || last.totalTicks() - first.totalTicks() <= 0) {
            return Optional.empty();
        }
        long others = (last.busyTicks() - first.busyTicks()) - (last.ownTicks() - first.ownTicks());
        return Optional.of(Math.max(0, Math.min(1, others / (double) (last.totalTicks() - first.totalTicks()))));
    }

    /** Why the machine counts as overloaded since {@code sinceNanos}, or empty when it does not (or cannot be told). */
    Optional<String> overloadedSince(long sinceNanos) {
        return othersShareSince(sinceNanos).filter(share -> share > OVERLOADED_SHARE).map(share -> String.format(
                "other processes kept %.0f%% of the %d CPUs busy meanwhile (load average %.1f)",
                share * 100, Runtime.getRuntime().availableProcessors(), loadAverage()));
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The machine as the result records it: CPUs, load average, the calibration. */
    Map<String, Object> describe(long sinceNanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("loadAverage", Math.round(loadAverage() * 100) / 100.0);
        othersShareSince(sinceNanos).ifPresent(s -> m.put("othersCpuShare", Math.round(s * 100) / 100.0));
        if (calibration != null) {
            m.putAll(calibration);
        }
        return m;
    }

    /** Once per JVM: 4 KiB write+fsync per second in {@code dir} for 0.2 s, and a fixed CPU loop's speed. */
    static void calibrateOnce(Path dir) {
        if (calibration != null) {
            return;
        }
        synchronized (MachineLoad.class) {
            if (calibration != null) {
                return;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            Path file = dir.resolve(".faultline-calibration");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)) {
                ByteBuffer page = ByteBuffer.allocate(4096);
                long start = System.nanoTime();
                int n = 0;
                while (System.nanoTime() - start < 200_000_000L) {
                    page.clear();
                    ch.write(page, 0);
                    ch.force(false);
                    n++;
                }
                c.put("fsyncPerSecond", Math.round(n / ((System.nanoTime() - start) / 1e9)));
            } catch (IOException e) {
                c.put("fsyncPerSecond", "unmeasured: " + e.getMessage());
            }
            long start = System.nanoTime();
            long x = 1;
            for (int i = 0; i < 50_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.put("cpuMillionLoopsPerSecond", Math.round(50 / seconds + (x & 0))); // x used, so the loop is not removed
            c.put("calibratedWhen", "at the first scenario of this process, in its run directory");
            calibration = java.util.Collections.unmodifiableMap(c);
        }
    }
}

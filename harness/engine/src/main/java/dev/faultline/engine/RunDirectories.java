package dev.faultline.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The directories runs work in. Each carries a marker file, and the harness deletes only
 * directories that carry it, so a wrong path can never make it delete anything else.
 */
public final class RunDirectories {
    public static final String MARKER = ".faultline-run";
    private static final String RUNNING = "running, pid ";
    private static final String ENDED = "ended: ";
    /** The processes a run started: pid and start time, or a path they name, so a reclaim kills only those. */
    private static final String PROCESSES = ".faultline-processes";
    private static final String NAMING = "naming ";

    private RunDirectories() {
    }

    /** Creates {@code base/name}, or {@code base/name-2} and so on when taken, with its marker. */
    public static Path create(Path base, String name) throws IOException {
        Files.createDirectories(base);
        for (int n = 1; ; n++) {
            Path dir = base.resolve(n == 1 ? name : name + "-" + n);
            try {
                Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                continue;
            }
            Files.writeString(dir.resolve(MARKER), RUNNING + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            return dir;
        }
    }

    /**
     * The run is over and its directory is kept on purpose (for inspection), never reclaimed; the
     * marker says how it ended (a verdict, "interrupted", "bad input"). Best effort: it is called
     * from a shutdown hook too, where nothing can be done about a failure.
     */
    public static void markEnded(Path dir, String how) {
        try {
            Files.writeString(dir.resolve(MARKER), ENDED + how + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("faultline: could not mark " + dir + " as ended (" + how + "): " + e.getMessage());
        }
    }

    /** How a run directory's run ended, or empty while it runs (or when it is no run directory). */
    public static java.util.Optional<String> howEnded(Path dir) throws IOException {
        if (!isRunDirectory(dir)) {
            return java.util.Optional.empty();
        }
        String marker = Files.readString(dir.resolve(MARKER), StandardCharsets.UTF_8).strip();
        return marker.startsWith(ENDED) ? java.util.Optional.of(marker.substring(ENDED.length())) : java.util.Optional.empty();
    }

    /**
     * Reclaims what a harness killed with SIGKILL left under {@code base}: run directories still
     * marked running by a process that is gone. Mounts inside them are unmounted first (Linux),
     * then they are deleted. Returns what was reclaimed.
     */
    public static java.util.List<Path> reclaimAbandoned(Path base) throws IOException {
        java.util.List<Path> reclaimed = new java.util.ArrayList<>();
        if (!Files.isDirectory(base)) {
            return reclaimed;
        }
        try (var dirs = Files.newDirectoryStream(base)) {
            for (Path dir : dirs) {
                if (!isRunDirectory(dir)) {
                    continue;
                }
                String marker = Files.readString(dir.resolve(MARKER), StandardCharsets.UTF_8).strip();
                if (!marker.startsWith(RUNNING)) {
                    continue;
                }
                long pid = Long.parseLong(marker.substring(RUNNING.length()).trim());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                killRecordedProcesses(dir);
                unmountUnder(dir);
                delete(dir);
                reclaimed.add(dir);
            }
        }
        return reclaimed;
    }

    /** Notes a process the run started, for {@link #reclaimAbandoned} should the harness be killed. */
    public static void recordProcess(Path runDir, long pid) throws IOException {
        String started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(Object::toString).orElse("?");
        appendRecord(runDir, pid + " " + started);
    }

    /**
     * Notes that every process whose command line names {@code path} (inside the run directory)
     * is the run's: for programs started by a library, such as PostgreSQL's initdb, pg_ctl and
     * postmaster, whose pids the harness learns late or never. Record it before they start.
     */
    public static void recordProcessesNaming(Path runDir, Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        if (!absolute.startsWith(runDir.toAbsolutePath().normalize())) {
            throw new IOException(path + " is not inside the run directory " + runDir);
        }
        appendRecord(runDir, NAMING + absolute);
    }

    private static void appendRecord(Path runDir, String line) throws IOException {
        Files.writeString(runDir.resolve(PROCESSES), line + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * Kills the recorded processes still running (by pid, when the start time matches: not a
     * reused pid; or by a path their command line names), each with its descendants.
     */
    private static void killRecordedProcesses(Path dir) throws IOException {
        Path file = dir.resolve(PROCESSES);
        if (!Files.isRegularFile(file)) {
            return;
        }
        java.util.Set<Long> ours = new java.util.HashSet<>();
        for (ProcessHandle h = ProcessHandle.current(); h != null; h = h.parent().orElse(null)) {
            ours.add(h.pid()); // never the reclaiming harness or what started it
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            java.util.List<ProcessHandle> recorded;
            if (line.startsWith(NAMING)) {
                Path path = Path.of(line.substring(NAMING.length()).strip()).normalize();
                if (!path.isAbsolute() || !path.startsWith(dir.toAbsolutePath().normalize())) {
                    continue; // damaged or planted: never a licence to kill outside the run
                }
                recorded = ProcessHandle.allProcesses()
                        .filter(h -> !ours.contains(h.pid()) && namesPath(h, path)).toList();
            } else {
                String[] parts = line.trim().split(" ");
                if (parts.length != 2) {
                    continue;
                }
                recorded = ProcessHandle.of(Long.parseLong(parts[0]))
                        .filter(h -> h.info().startInstant().map(Object::toString).orElse("").equals(parts[1])).stream().toList();
            }
            recorded.forEach(RunDirectories::killWithDescendants);
        }
    }

    /** Whether one of the process's arguments is {@code path} or a file under it (not merely a string containing it). */
    private static boolean namesPath(ProcessHandle process, Path path) {
        String exact = path.toString();
        return java.util.Arrays.stream(process.info().arguments().orElse(new String[0]))
                .anyMatch(arg -> arg.equals(exact) || arg.startsWith(exact + java.io.File.separator));
    }

    /**
     * Kills a process and its descendants (a PostgreSQL server's workers) and waits for them. It is
     * stopped first, so it cannot fork a child the snapshot would miss: orphaned, such a child
     * would go on writing under the directory being deleted.
     */
    private static void killWithDescendants(ProcessHandle process) {
        stop(process);
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(0, process);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone or stuck in the kernel; the delete that follows reports what remains
            }
        }
    }

    /** SIGSTOP (not on Windows, where a process tree is killed as a whole by its job anyway). */
    private static void stop(ProcessHandle process) {
        if (dev.faultline.fault.os.Platform.isWindows()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: the snapshot is taken without it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unmounts, deepest first, every mount at or below {@code dir}; nothing outside it. */
    private static void unmountUnder(Path dir) throws IOException {
        Path mounts = Path.of("/proc/mounts");
        if (!Files.isReadable(mounts)) {
            return;
        }
        String prefix = dir.toAbsolutePath().normalize().toString();
        java.util.List<String> points = Files.readAllLines(mounts).stream().map(l -> l.split(" ")[1])
                .filter(m -> m.equals(prefix) || m.startsWith(prefix + "/"))
                .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
        for (String point : points) {
            try {
                Process p = new ProcessBuilder("umount", "-l", point).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    throw new IOException("umount -l " + point + " failed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted unmounting " + point, e);
            }
        }
    }

    public static boolean isRunDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(MARKER));
    }

    /** Deletes a run directory and what is in it, without following links out of it. */
    public static void delete(Path runDir) throws IOException {
        if (!isRunDirectory(runDir)) {
            throw new IOException(runDir + " has no " + MARKER + " marker: not deleting what the harness did not make");
        }
        Files.walkFileTree(runDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file); // a process that was just killed may have removed it first
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

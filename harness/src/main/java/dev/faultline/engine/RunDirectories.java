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
    private static final String FINISHED = "finished";
    /** The adapter processes a run started: pid and start time, so a reclaim kills only those. */
    private static final String PROCESSES = ".faultline-processes";

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

    /** The run is over and its directory is kept on purpose (for inspection): never reclaimed. */
    public static void markFinished(Path dir) throws IOException {
        Files.writeString(dir.resolve(MARKER), FINISHED + "\n", StandardCharsets.UTF_8);
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
        Files.writeString(runDir.resolve(PROCESSES), pid + " " + started + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Kills the recorded processes still running, those whose start time matches (not a reused pid). */
    private static void killRecordedProcesses(Path dir) throws IOException {
        Path file = dir.resolve(PROCESSES);
        if (!Files.isRegularFile(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 2) {
                continue;
            }
            ProcessHandle.of(Long.parseLong(parts[0]))
                    .filter(h -> h.info().startInstant().map(Object::toString).orElse("").equals(parts[1]))
                    .ifPresent(h -> {
                        // its children too (a PostgreSQL server's workers), before the directory goes
                        java.util.List<ProcessHandle> all = new java.util.ArrayList<>(h.descendants().toList());
                        all.add(0, h);
                        all.forEach(ProcessHandle::destroyForcibly);
                        for (ProcessHandle p : all) {
                            try {
                                p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (Exception e) {
                                // gone or stuck in the kernel; the delete below reports what remains
                            }
                        }
                    });
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

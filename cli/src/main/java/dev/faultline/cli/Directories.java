package dev.faultline.cli;

import dev.faultline.engine.BadInputException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directories a command writes into, checked before any scenario runs: a report or work
 * directory that cannot be written is bad input (exit 2, one line), not a stack trace after an
 * hour of scenarios.
 */
final class Directories {
    static final String LOCK = ".faultline-lock";

    private Directories() {
    }

    /** Creates {@code dir} if needed and proves a file can be made in it. */
    static void requireWritable(Path dir, String option) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".faultline-probe", null);
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new BadInputException(option + " " + dir + " cannot be written: " + reason(e));
        }
    }

    /**
     * Holds the report directory for one run, so that two runs never write one {@code result.json}
     * in turn (a later PASS replacing an earlier FAIL). The lock goes with the process, however it
     * ends; a run refused is bad input.
     */
    static AutoCloseable lockReports(Path dir) {
        requireWritable(dir, "--report-dir");
        Path lockFile = dir.resolve(LOCK);
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM already
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new BadInputException("--report-dir " + dir + " is in use by another faultline run"
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it or choose another directory");
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\n"), 0);
            FileLock held = lock;
            return () -> {
                held.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new BadInputException("--report-dir " + dir + " cannot be locked: " + reason(e));
        }
    }

    private static String reason(Exception e) {
        String type = e.getClass().getSimpleName().replace("Exception", "");
        String message = e.getMessage();
        return message == null ? type : type + " (" + message + ")";
    }
}

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
            Files.writeString(dir.resolve(MARKER), "pid " + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            return dir;
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
                Files.delete(file);
                return FileVisitResult.CONTINUE;
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

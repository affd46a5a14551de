package dev.faultline.fault.os;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What the operating system lets the harness do for real: mount a tmpfs, put a process under
 * libfiu. Each check returns the reason it cannot, so a scenario can report SKIPPED with it.
 */
public final class Platform {
    private Platform() {
    }

    public static boolean isLinux() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    public static boolean isWindows() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Effective user id 0, read from /proc (no process started). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** A command on PATH, or empty. */
    public static Optional<Path> command(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why a size-limited tmpfs cannot be mounted here, or empty when it can. */
    public static Optional<String> whyNoTmpfs() {
        if (!isLinux()) {
            return Optional.of("tmpfs mounts need Linux (this is " + System.getProperty("os.name") + ")");
        }
        if (!isRoot()) {
            return Optional.of("mounting a tmpfs needs root");
        }
        if (command("mount").isEmpty() || command("umount").isEmpty()) {
            return Optional.of("mount and umount are not on PATH");
        }
        return Optional.empty();
    }

    /** Why libfiu cannot be used here, or empty when it can. */
    public static Optional<String> whyNoLibfiu() {
        if (!isLinux()) {
            return Optional.of("libfiu fault injection needs Linux (this is " + System.getProperty("os.name") + ")");
        }
        if (command("fiu-run").isEmpty() || command("fiu-ctrl").isEmpty()) {
            return Optional.of("libfiu is not installed (Debian/Ubuntu: apt-get install fiu-utils)");
        }
        return Optional.empty();
    }
}

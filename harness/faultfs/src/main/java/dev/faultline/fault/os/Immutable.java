package dev.faultline.fault.os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code chattr +i}: a file or directory that nothing may change, root included. Renaming onto an
 * immutable file, or creating, renaming or deleting inside an immutable directory, fails with a
 * real EPERM. Cleared on close, which must happen before the run directory can be deleted.
 */
public final class Immutable implements AutoCloseable {
    private final Path target;
    private boolean set;

    private Immutable(Path target) {
        this.target = target;
    }

    /** Why it cannot be used here, or empty. */
    public static Optional<String> whyNot() {
        if (!Platform.isLinux()) {
            return Optional.of("chattr needs Linux (this is " + System.getProperty("os.name") + ")");
        }
        if (!Platform.isRoot()) {
            return Optional.of("chattr +i needs root");
        }
        if (Platform.command("chattr").isEmpty()) {
            return Optional.of("chattr is not on PATH (Debian: e2fsprogs)");
        }
        return Optional.empty();
    }

    public static Immutable set(Path target) throws IOException {
        whyNot().ifPresent(reason -> {
            throw new UnsupportedOperationException(reason);
        });
        Immutable i = new Immutable(target.toAbsolutePath().normalize());
        Commands.run(List.of("chattr", "+i", i.target.toString()));
        i.set = true;
        return i;
    }

    @Override
    public synchronized void close() throws IOException {
        if (set) {
            Commands.run(List.of("chattr", "-i", target.toString()));
            set = false;
        }
    }
}

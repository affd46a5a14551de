package dev.faultline.fault.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A size-limited tmpfs mounted on a run's directory: real ENOSPC for any process writing there.
 * Grown (or shrunk to just above what is used) with a remount; always unmounted on close, lazily
 * if something still holds it.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path mountPoint;
    private boolean mounted;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public static Tmpfs mount(Path directory, long sizeBytes) throws IOException {
        Platform.whyNoTmpfs().ifPresent(reason -> {
            throw new UnsupportedOperationException(reason);
        });
        Files.createDirectories(directory);
        Tmpfs t = new Tmpfs(directory.toAbsolutePath().normalize());
        Commands.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + pages(sizeBytes), "faultline", t.mountPoint.toString()));
        t.mounted = true;
        return t;
    }

    /** Rounded up to whole pages, as tmpfs counts. */
    private static long pages(long bytes) {
        return Math.max(4096, (bytes + 4095) / 4096 * 4096);
    }

    public Path mountPoint() {
        return mountPoint;
    }

    public void resize(long sizeBytes) throws IOException {
        Commands.run(List.of("mount", "-o", "remount,size=" + pages(sizeBytes), mountPoint.toString()));
    }

    /** Whether the mount point is in the kernel's mount table. */
    public static boolean isMounted(Path directory) throws IOException {
        String p = directory.toAbsolutePath().normalize().toString();
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.split(" ")[1].equals(p));
    }

    @Override
    public synchronized void close() throws IOException {
        if (!mounted) {
            return;
        }
        try {
            Commands.run(List.of("umount", mountPoint.toString()));
        } catch (IOException busy) {
            Commands.run(List.of("umount", "-l", mountPoint.toString()));
        }
        mounted = false;
    }
}

package dev.faultline.fault.os;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What an antivirus scanner does on Windows, for real: every file written under the root is
 * opened for {@code hold} (java.io opens without FILE_SHARE_DELETE), so a rename onto it or a
 * delete of it fails with a sharing violation, as incident 001's did. Windows only: it watches
 * the whole tree, which only Windows' watch service can do; elsewhere the fault file system's
 * simulated scanner (in the JVM) or libfiu (for processes) stands in.
 */
public final class WindowsScanner implements AutoCloseable {
    private final WatchService watcher;
    private final ScheduledExecutorService releases;
    private final Thread loop;

    private WindowsScanner(Path root, Duration hold, Consumer<String> record) throws IOException {
        Files.createDirectories(root);
        watcher = root.getFileSystem().newWatchService();
        root.register(watcher, new WatchEvent.Kind<?>[] {StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY},
                com.sun.nio.file.ExtendedWatchEventModifier.FILE_TREE);
        releases = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "faultline-windows-scanner-release"));
        loop = daemon(() -> {
            try {
                while (true) {
                    WatchKey key = watcher.take();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.context() instanceof Path relative) {
                            hold(root.resolve(relative), hold, record);
                        }
                    }
                    key.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed: the scan is over
            }
        }, "faultline-windows-scanner");
        loop.start();
    }

    /** Why this machine cannot hold files the Windows way, or empty when it can. */
    public static Optional<String> whyNot() {
        return Platform.isWindows() ? Optional.empty()
                : Optional.of("holding files open against rename is Windows' behaviour (this is " + System.getProperty("os.name") + ")");
    }

    public static WindowsScanner start(Path root, Duration hold, Consumer<String> record) throws IOException {
        return new WindowsScanner(root, hold, record);
    }

    private void hold(Path file, Duration hold, Consumer<String> record) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            FileInputStream open = new FileInputStream(file.toFile());
            record.accept("scanner holds " + file.getFileName() + " for " + hold.toMillis() + " ms");
            releases.schedule(() -> {
                try {
                    open.close();
                } catch (IOException e) {
                    // released either way once the handle is gone
                }
            }, hold.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // renamed or deleted before the scanner got to it, as a real scanner may find
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        loop.interrupt();
        releases.shutdown();
        try {
            releases.awaitTermination(5, TimeUnit.SECONDS); // every held file released before the run's cleanup
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

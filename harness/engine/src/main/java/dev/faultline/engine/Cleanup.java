package dev.faultline.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What must be undone even when the harness is interrupted (Ctrl-C, SIGTERM): mounts, child
 * processes. Registered resources are released by one shutdown hook, newest first; a run
 * releases and unregisters them itself when it ends normally.
 */
public final class Cleanup {
    private static final Deque<AutoCloseable> PENDING = new ArrayDeque<>();
    private static boolean hooked;

    private Cleanup() {
    }

    public static synchronized void register(AutoCloseable resource) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::releaseAll, "faultline-cleanup"));
            hooked = true;
        }
        PENDING.push(resource);
    }

    public static synchronized void unregister(AutoCloseable resource) {
        PENDING.remove(resource);
    }

    private static void releaseAll() {
        AutoCloseable next;
        while ((next = poll()) != null) {
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("faultline: cleanup of " + next + " failed: " + e.getMessage());
            }
        }
    }

    private static synchronized AutoCloseable poll() {
        return PENDING.poll();
    }
}

package dev.faultline.fault.crash;

/**
 * One file-system operation of a recorded trace, in the terms a persistence model needs: files
 * and directories by node number (a rename does not change what a write refers to), paths only
 * for the words of the evidence. {@code atNanos} is on the run's history clock, so the
 * acknowledgements the harness received can be placed between operations.
 */
public sealed interface TraceEvent {
    long atNanos();

    /** How a store's author would say it, e.g. "rename coll/a.tmp -> coll/a". */
    String describe();

    /** Data: {@code bytes} written at {@code position} of file {@code node}. */
    record Write(long atNanos, int node, String path, long position, byte[] bytes) implements TraceEvent {
        public String describe() {
            return "write " + bytes.length + " B at " + position + " of " + path;
        }
    }

    /** Data: file {@code node} cut (or extended with zeros) to {@code size} bytes. */
    record Truncate(long atNanos, int node, String path, long size) implements TraceEvent {
        public String describe() {
            return "truncate " + path + " to " + size + " B";
        }
    }

    /** fsync/fdatasync of a file (its data) or a directory (its entries). */
    record Force(long atNanos, int node, String path) implements TraceEvent {
        public String describe() {
            return "fsync " + path;
        }
    }

    /** An fsync that failed (EIO): what it was to make durable is lost for good (fsyncgate). */
    record ForceFailed(long atNanos, int node, String path) implements TraceEvent {
        public String describe() {
            return "fsync " + path + " failed";
        }
    }

    /** A directory entry change; durable once directory {@code directory} is forced. */
    sealed interface EntryChange extends TraceEvent {
        int directory();
    }

    /** A new file or directory {@code node} named {@code name} in {@code directory}. */
    record Create(long atNanos, int directory, String name, int node, boolean isDirectory, String path) implements EntryChange {
        public String describe() {
            return (isDirectory ? "mkdir " : "create ") + path;
        }
    }

    /** Node {@code node} moved from {@code fromDirectory/fromName} to {@code directory/name}, replacing what was there. */
    record Rename(long atNanos, int fromDirectory, String fromName, int directory, String name, int node,
                  boolean replacing, String fromPath, String path) implements EntryChange {
        public String describe() {
            return "rename " + fromPath + " -> " + path;
        }
    }

    /** The entry {@code name} (node {@code node}) removed from {@code directory}. */
    record Remove(long atNanos, int directory, String name, int node, String path) implements EntryChange {
        public String describe() {
            return "unlink " + path;
        }
    }
}

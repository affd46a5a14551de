package dev.faultline.fault.crash;

import java.util.Locale;

/**
 * What a power loss may leave of the operations not yet made durable (docs/crash-model.md).
 * Both models keep everything made durable: a file's data by an fsync of the file, a directory
 * entry by an fsync of its directory, and lose for good what a failed fsync was to make durable.
 */
public enum PersistenceModel {
    /**
     * POSIX's promise and nothing more: everything not yet durable persists in any subset, a
     * write possibly torn at a 512-byte sector boundary.
     */
    POSIX,
    /**
     * ext4 with its default {@code data=ordered} journal: directory entry changes persist in the
     * order they were made (one journal), an fsync of any file or directory commits every entry
     * change made before it, and a rename that replaces a file persists only with the renamed
     * file's data written before it ({@code auto_da_alloc}).
     */
    EXT4_ORDERED;

    /** Whether an fsync of anything commits every directory entry change made before it (one journal). */
    boolean forceCommitsEveryEntry() {
        return this == EXT4_ORDERED;
    }

    /** Whether the entry changes that persisted must be a prefix of those made. */
    boolean entriesInOrder() {
        return this == EXT4_ORDERED;
    }

    /** Whether a persisted replacing rename brings the renamed file's earlier data with it. */
    boolean replacingRenameCarriesData() {
        return this == EXT4_ORDERED;
    }

    /** The name used in parameters and reports: {@code posix}, {@code ext4-ordered}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PersistenceModel parse(String text) {
        for (PersistenceModel m : values()) {
            if (m.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a persistence model (posix, ext4-ordered)");
    }
}

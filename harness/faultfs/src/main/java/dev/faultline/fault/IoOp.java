package dev.faultline.fault;

/** The file-system operations a fault rule can match. */
public enum IoOp {
    /** Opening a file (a channel or stream). */
    OPEN,
    READ,
    WRITE,
    /** {@code FileChannel.force}: fsync. */
    FORCE,
    TRUNCATE,
    /** Move or rename, including replacing an existing target. */
    RENAME,
    DELETE,
    CREATE_DIRECTORY,
    /** Listing a directory. */
    LIST,
    /** Reading attributes, checking access or existence. */
    STAT
}

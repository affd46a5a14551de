package dev.faultline.spi;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Turns I/O exceptions into the protocol's error text: errno name first, then what happened. */
public final class Errors {
    private Errors() {
    }

    public static String describe(Throwable t) {
        String errno = errno(t);
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return errno != null ? errno + ": " + message : t.getClass().getSimpleName() + ": " + message;
    }

    /** The errno name an exception stands for, or null when it stands for none. */
    public static String errno(Throwable t) {
        if (t instanceof NoSuchFileException) {
            return "ENOENT";
        }
        if (t instanceof AccessDeniedException) {
            return "EACCES";
        }
        if (t instanceof FileAlreadyExistsException) {
            return "EEXIST";
        }
        if (t instanceof DirectoryNotEmptyException) {
            return "ENOTEMPTY";
        }
        String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("no space left")) {
            return "ENOSPC";
        }
        if (text.contains("operation not permitted")) {
            return "EPERM";
        }
        if (text.contains("device or resource busy")) {
            return "EBUSY";
        }
        if (text.contains("input/output error")) {
            return "EIO";
        }
        return null;
    }
}

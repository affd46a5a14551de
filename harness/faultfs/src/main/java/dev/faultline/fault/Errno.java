package dev.faultline.fault;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The errors a fault can raise, each as the exception Java shows for it on a real system. */
public enum Errno {
    /** Disk full: {@code FileSystemException ... No space left on device}. */
    ENOSPC,
    /** {@code FileSystemException ... Operation not permitted} (Linux, an immutable file). */
    EPERM,
    /** {@code AccessDeniedException} (Windows antivirus or indexer holding the file; Unix permissions). */
    EACCES,
    /** {@code NoSuchFileException}: the file or its directory is gone. */
    ENOENT,
    /** {@code FileSystemException ... Input/output error}. */
    EIO;

    public FileSystemException exception(String path, String other, String why) {
        String reason = switch (this) {
            case ENOSPC -> "No space left on device";
            case EPERM -> "Operation not permitted";
            case EACCES -> "Permission denied";
            case ENOENT -> "No such file or directory";
            case EIO -> "Input/output error";
        };
        reason = why == null ? reason : reason + " (" + why + ")";
        return switch (this) {
            case EACCES -> new AccessDeniedException(path, other, reason);
            case ENOENT -> new NoSuchFileException(path, other, reason);
            default -> new FileSystemException(path, other, reason);
        };
    }
}

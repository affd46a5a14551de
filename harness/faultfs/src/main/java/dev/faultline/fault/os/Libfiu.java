package dev.faultline.fault.os;

import dev.faultline.fault.Errno;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * libfiu for processes the JVM cannot reach: the adapter is started under
 * {@code fiu-run -x -f CTRL} (the POSIX preload library, remote control by named pipes under
 * CTRL), and failure points such as {@code posix/io/dir/rename} are switched on and off while it
 * runs with {@code fiu-ctrl}. libfiu acts on the whole process, not on chosen paths.
 */
public final class Libfiu {
    /** Failure points of libfiu's POSIX wrappers that the scenarios use. */
    public static final String RENAME = "posix/io/dir/rename";
    public static final String WRITE = "posix/io/rw/write";
    public static final String FSYNC = "posix/io/sync/fsync";
    public static final String UNLINK = "posix/io/dir/unlink";

    private final Path controlBase;

    /** @param controlBase where the named pipes go, as {@code controlBase-PID.in/out}; inside the run directory */
    public Libfiu(Path controlBase) {
        this.controlBase = controlBase.toAbsolutePath();
    }

    /** The command, wrapped to start under libfiu with remote control. */
    public List<String> wrap(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("fiu-run", "-x", "-f", controlBase.toString()));
        argv.addAll(command);
        return argv;
    }

    public void enable(long pid, String point, Errno errno) throws IOException {
        control(pid, "enable name=" + point + ",failinfo=" + number(errno));
    }

    public void disable(long pid, String point) throws IOException {
        control(pid, "disable name=" + point);
    }

    /**
     * One command at a time: fiu-ctrl writes to the process's in-pipe and reads its out-pipe, and
     * two at once (a window's enable and the previous window's disable, from the timer) can both
     * be answered to one reader, leaving the other waiting for good. That hung eperm-rename's
     * 30-second wait in CI now and then (the scenario then ended UNKNOWN).
     */
    private synchronized void control(long pid, String command) throws IOException {
        Commands.run(List.of("fiu-ctrl", "-f", controlBase.toString(), "-c", command, Long.toString(pid)));
    }

    /** Linux errno numbers (asm-generic/errno-base.h). */
    static int number(Errno errno) {
        return switch (errno) {
            case EPERM -> 1;
            case ENOENT -> 2;
            case EIO -> 5;
            case EACCES -> 13;
            case ENOSPC -> 28;
        };
    }
}

package dev.faultline.fault;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Makes fault file systems, in the manner of Jimfs's configurations: over a directory of the real
 * disk, or over an in-memory Jimfs with Unix, macOS or Windows path and case rules.
 * <pre>{@code
 * FaultFileSystem fs = FaultFileSystems.create(Flavor.JIMFS_WINDOWS, null, new FaultController(seed));
 * Path root = fs.root();   // hand this to the adapter
 * }</pre>
 */
public final class FaultFileSystems {
    private FaultFileSystems() {
    }

    /** Which file system is under the faults. */
    public enum Flavor {
        /** The real disk, under a directory of the run. */
        DISK,
        JIMFS_UNIX,
        /** Case-insensitive names, as on macOS's default volumes. */
        JIMFS_OSX,
        /** Drive letters, backslashes, case-insensitive names, as on Windows. */
        JIMFS_WINDOWS;

        public static Flavor parse(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "disk" -> DISK;
                case "jimfs-unix" -> JIMFS_UNIX;
                case "jimfs-osx", "jimfs-macos" -> JIMFS_OSX;
                case "jimfs-windows" -> JIMFS_WINDOWS;
                default -> throw new IllegalArgumentException("'" + name + "' is not disk, jimfs-unix, jimfs-osx or jimfs-windows");
            };
        }
    }

    /**
     * @param directory for {@link Flavor#DISK}, the real directory the faults apply under (created
     *                  if missing); ignored for the Jimfs flavours
     */
    public static FaultFileSystem create(Flavor flavor, Path directory, FaultController controller) throws IOException {
        if (flavor == Flavor.DISK) {
            Files.createDirectories(directory);
            return new FaultFileSystem(directory.getFileSystem(), directory, controller, false);
        }
        Configuration config = switch (flavor) {
            case JIMFS_UNIX -> Configuration.unix();
            case JIMFS_OSX -> Configuration.osX();
            default -> Configuration.windows();
        };
        FileSystem jimfs = Jimfs.newFileSystem(config);
        Path root = jimfs.getPath(flavor == Flavor.JIMFS_WINDOWS ? "C:\\faultline" : "/faultline");
        Files.createDirectories(root);
        return new FaultFileSystem(jimfs, root, controller, true);
    }
}

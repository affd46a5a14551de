package dev.faultline.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Evidence about a storage directory: its files, their sizes and first bytes, and its total size. */
public final class RootListing {
    private static final int MAX_FILES = 30;
    private static final int FIRST_BYTES = 64;

    private RootListing() {
    }

    /** Lines of "path (N bytes): first bytes", at most {@value #MAX_FILES} files. */
    public static List<String> describe(Path root) {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            lines.add(root + " does not exist");
            return lines;
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
            for (Path p : regular.subList(0, Math.min(MAX_FILES, regular.size()))) {
                lines.add(root.relativize(p) + " (" + Files.size(p) + " bytes): " + firstBytes(p));
            }
            if (regular.size() > MAX_FILES) {
                lines.add("... and " + (regular.size() - MAX_FILES) + " more files");
            }
        } catch (IOException | UncheckedIOException e) {
            lines.add("could not list " + root + ": " + e);
        }
        return lines;
    }

    /** Bytes in regular files under root (files vanishing meanwhile not counted); 0 when it does not exist, -1 when it cannot be read. */
    public static long totalBytes(Path root) {
        try {
            return dev.faultline.fault.FileTrees.bytesUnder(root);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The largest regular file under root and its size; null when there is none (or it cannot be listed now). */
    public static Sized largestFile(Path root) {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> new Sized(p, sizeOrZero(p)))
                    .max(java.util.Comparator.comparingLong(Sized::bytes)).orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null; // a store replaced a file while it was walked: the next look will see it
        }
    }

    /** A file and its size when looked at. */
    public record Sized(Path path, long bytes) {
    }

    private static long sizeOrZero(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // removed while walking
        }
    }

    /** The first bytes of a file, printable ASCII kept, the rest escaped. */
    public static String firstBytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(FIRST_BYTES);
            StringBuilder b = new StringBuilder();
            for (byte x : head) {
                int c = x & 0xff;
                b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
            }
            return b.length() == 0 ? "(empty)" : b.toString();
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}

package dev.faultline.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What adapter processes wrote on stderr, grouped and counted: a store's own "Unexpected end of
 * JSON input" or ENOENT messages are evidence (incident 000's store logged its failed saves and
 * went on), but 3,000 of them line by line are not readable. Lines that differ only in numbers
 * or quoted names (keys, paths, pids) are one kind; stack frames are left out.
 */
final class StderrDigest {
    static final int MAX_KINDS = 15;
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private StderrDigest() {
    }

    /**
     * While open, what this JVM writes on {@code System.err} also goes to
     * {@code evidenceDir/in-jvm.stderr.log}, so an in-process adapter's logged errors (the legacy
     * store's "Failed to write ...") are digested like a process adapter's stderr. One scenario
     * runs at a time in a JVM; the previous stream is put back on close.
     */
    static Capture captureInJvm(Path evidenceDir) throws IOException {
        Files.createDirectories(evidenceDir);
        PrintStream original = System.err;
        OutputStream file = Files.newOutputStream(evidenceDir.resolve("in-jvm.stderr.log"));
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                original.write(b);
                file.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                original.write(b, off, len);
                file.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                original.flush();
                file.flush();
            }

            @Override
            public void close() throws IOException {
                flush();
                file.close();
            }
        };
        PrintStream tee = new PrintStream(both, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        return () -> {
            System.setErr(original);
            tee.close(); // flushes and closes the file; the original stream is left open
        };
    }

    /** The capture, undone by close (twice is harmless). */
    interface Capture extends AutoCloseable {
        Capture NONE = () -> { };

        @Override
        void close();
    }

    /** The stderr files in the run's evidence directory: each process instance's, and the in-JVM capture. */
    static List<Path> files(Path evidenceDir) {
        if (!Files.isDirectory(evidenceDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(evidenceDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".stderr.log")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Lines of "N× first line of that kind", most frequent first; empty when nothing was written. */
    static List<String> digest(List<Path> files) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        int total = 0;
        for (Path f : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue; // undecodable or gone: the file stays in the run directory
            }
            for (String line : lines) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("at ")) {
                    continue;
                }
                total++;
                String kind = NUMBER.matcher(QUOTED.matcher(text).replaceAll("'…'")).replaceAll("N");
                counts.merge(kind, 1, Integer::sum);
                example.putIfAbsent(kind, text.length() > 200 ? text.substring(0, 200) + "…" : text);
            }
        }
        if (total == 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add(total + " line(s) on the adapter's stderr, " + counts.size() + " kind(s):");
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(MAX_KINDS)
                .forEach(e -> out.add(String.format("%6d× %s", e.getValue(), example.get(e.getKey()))));
        if (counts.size() > MAX_KINDS) {
            out.add("... and " + (counts.size() - MAX_KINDS) + " more kinds");
        }
        return out;
    }
}

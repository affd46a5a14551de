package dev.faultline.fault.os;

import dev.faultline.fault.crash.Trace;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records a process adapter's file-system calls with {@code strace -f} (any language: Python,
 * Node, Go) and turns them into a {@link Trace} for the crash explorer. strace prints every
 * string and every descriptor's path in hex ({@code -xx -y}), so names and data come back exact;
 * descriptors are followed to the files they name, and write offsets through lseek and O_APPEND.
 * It can also fail the Nth fsync with EIO ({@code -e inject}), which the adapter sees as a real
 * failing disk. Not modelled: hard and symbolic links, mmap, O_DIRECT, several processes sharing
 * descriptor numbers.
 */
public final class Strace {
    private static final String CALLS = "open,openat,creat,write,pwrite64,writev,pwritev,pwritev2,lseek,fsync,fdatasync,"
            + "rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,rmdir,ftruncate,truncate,close,dup,dup2,dup3,fcntl,chdir,link,linkat,symlink,symlinkat";
    private static final Set<String> UNMODELLED = Set.of("link", "linkat", "symlink", "symlinkat");
    private static final Pattern LINE = Pattern.compile("^(\\d+)\\s+(\\d+)\\.(\\d+)\\s+(.*)$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. (\\w+) resumed>(.*)$");
    private static final Pattern HEX = Pattern.compile("\\\\x([0-9a-f]{2})");

    private final Path output;
    private final Path root;
    private final int failFsyncAt;
    private final Trace trace;
    private final long[] now = new long[1];
    /** Epoch nanoseconds minus the history clock, so strace's wall-clock times land on the history's. */
    private final long epochMinusHistory;
    private int unmodelled;

    /**
     * @param output      where strace writes (inside the run directory)
     * @param root        the adapter's root, as it is before the first instance starts
     * @param failFsyncAt the Nth fsync or fdatasync fails with EIO (0: none)
     * @param history     the run's history clock
     */
    public Strace(Path output, Path root, int failFsyncAt, LongSupplier history) throws IOException {
        this.output = output.toAbsolutePath();
        Files.createDirectories(root);
        this.root = root.toRealPath();
        this.failFsyncAt = failFsyncAt;
        Instant wall = Instant.now();
        this.epochMinusHistory = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - history.getAsLong();
        this.trace = new Trace(this.root, () -> now[0]);
    }

    /** Why strace cannot record here, or empty when it can (installed, and ptrace permitted). */
    public static Optional<String> whyNot() {
        if (!Platform.isLinux()) {
            return Optional.of("strace recording needs Linux (this is " + System.getProperty("os.name") + ")");
        }
        if (Platform.command("strace").isEmpty()) {
            return Optional.of("strace is not installed (Debian/Ubuntu: apt-get install strace)");
        }
        try {
            Commands.run(List.of("strace", "-f", "-qq", "-o", "/dev/null", "true"));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("strace cannot trace here (ptrace not permitted?): " + e.getMessage());
        }
    }

    /** The adapter's command, started under strace. */
    public List<String> wrap(List<String> command) {
        List<String> argv = new ArrayList<>(List.of("strace", "-f", "-qq", "-ttt", "-y", "-xx", "-s", "16777216",
                "-e", "signal=none", "-e", "trace=" + CALLS, "-o", output.toString()));
        if (failFsyncAt > 0) {
            argv.addAll(List.of("-e", "inject=fsync,fdatasync:error=EIO:when=" + failFsyncAt));
        }
        argv.add("--");
        argv.addAll(command);
        return argv;
    }

    /** Calls the model does not cover (links), counted while reading. */
    public int unmodelledCalls() {
        return unmodelled;
    }

    /** Reads what strace wrote (once the traced instances have exited) into the trace. */
    public Trace read() throws IOException {
        Map<Long, String> unfinished = new HashMap<>();
        Parser parser = new Parser();
        try (BufferedReader in = Files.newBufferedReader(output, StandardCharsets.ISO_8859_1)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                String call = m.group(4);
                if (call.endsWith("<unfinished ...>")) {
                    unfinished.put(pid, call.substring(0, call.length() - "<unfinished ...>".length()).stripTrailing());
                    continue;
                }
                Matcher resumed = RESUMED.matcher(call);
                if (resumed.matches()) {
                    String start = unfinished.remove(pid);
                    if (start == null) {
                        continue;
                    }
                    call = start + resumed.group(2);
                }
                String micros = (m.group(3) + "000000").substring(0, 6);
                now[0] = Long.parseLong(m.group(2)) * 1_000_000_000L + Long.parseLong(micros) * 1000 - epochMinusHistory;
                parser.call(call);
            }
        }
        return trace;
    }

    /** Follows descriptors, offsets and the working directory through the calls. */
    private final class Parser {
        private final Map<Integer, Descriptor> descriptors = new HashMap<>();
        private final Map<Integer, Long> sizes = new HashMap<>();
        private String cwd = Path.of("").toAbsolutePath().toString();

        private final class Descriptor {
            final int node;
            final String path;
            final boolean append;
            long offset;

            Descriptor(int node, String path, boolean append) {
                this.node = node;
                this.path = path;
                this.append = append;
            }
        }

        void call(String text) {
            int open = text.indexOf('(');
            int close = text.lastIndexOf(") = ");
            if (open < 0 || close < open) {
                return;
            }
            String name = text.substring(0, open);
            List<String> args = split(text.substring(open + 1, close));
            String result = text.substring(close + 4).trim();
            boolean failed = result.startsWith("-1");
            if (name.equals("fsync") || name.equals("fdatasync")) {
                Descriptor d = descriptor(args.get(0));
                if (d != null) {
                    if (failed) {
                        trace.forceFailed(d.node, d.path);
                    } else {
                        trace.forced(d.node, d.path);
                    }
                }
                return;
            }
            if (failed || result.startsWith("?")) {
                return;
            }
            if (UNMODELLED.contains(name)) {
                unmodelled++;
                return;
            }
            remember(args);
            switch (name) {
                case "open", "openat", "creat" -> opened(name, args, result);
                case "write", "pwrite64", "writev", "pwritev", "pwritev2" -> wrote(name, args, result);
                case "lseek" -> {
                    Descriptor d = descriptor(args.get(0));
                    if (d != null) {
                        d.offset = Long.parseLong(result.split(" ")[0]);
                    }
                }
                case "ftruncate" -> {
                    Descriptor d = descriptor(args.get(0));
                    if (d != null) {
                        long size = Long.parseLong(args.get(1));
                        trace.truncated(d.node, d.path, size);
                        sizes.put(d.node, size);
                    }
                }
                case "truncate" -> {
                    String rel = relative(path(null, args.get(0)));
                    int node = rel == null ? -1 : trace.opened(rel, false, false);
                    if (node >= 0) {
                        long size = Long.parseLong(args.get(1));
                        trace.truncated(node, rel, size);
                        sizes.put(node, size);
                    }
                }
                case "rename" -> renamed(path(null, args.get(0)), path(null, args.get(1)));
                case "renameat", "renameat2" -> renamed(path(args.get(0), args.get(1)), path(args.get(2), args.get(3)));
                case "unlink", "rmdir" -> removed(path(null, args.get(0)));
                case "unlinkat" -> removed(path(args.get(0), args.get(1)));
                case "mkdir" -> createdDirectory(path(null, args.get(0)));
                case "mkdirat" -> createdDirectory(path(args.get(0), args.get(1)));
                case "close" -> descriptors.remove(fd(args.get(0)));
                case "dup", "dup2", "dup3" -> duplicated(args.get(0), result);
                case "fcntl" -> {
                    if (args.size() > 1 && args.get(1).startsWith("F_DUPFD")) {
                        duplicated(args.get(0), result);
                    }
                }
                case "chdir" -> cwd = path(null, args.get(0));
                default -> { }
            }
        }

        /** An {@code AT_FDCWD<...>} anywhere says where relative paths start. */
        private void remember(List<String> args) {
            for (String a : args) {
                if (a.startsWith("AT_FDCWD<")) {
                    cwd = decoration(a);
                }
            }
        }

        private void opened(String name, List<String> args, String result) {
            String flags = name.equals("creat") ? "O_CREAT|O_TRUNC|O_WRONLY" : args.get(name.equals("openat") ? 2 : 1);
            String rel = relative(decoration(result));
            if (rel == null) {
                return;
            }
            boolean truncate = flags.contains("O_TRUNC");
            int node = trace.opened(rel, flags.contains("O_CREAT"), truncate);
            if (node < 0) {
                return;
            }
            if (truncate) {
                sizes.put(node, 0L);
            }
            descriptors.put(fd(result), new Descriptor(node, rel, flags.contains("O_APPEND")));
        }

        private void wrote(String name, List<String> args, String result) {
            Descriptor d = descriptor(args.get(0));
            if (d == null) {
                return;
            }
            int written = Integer.parseInt(result.split(" ")[0]);
            byte[] data = name.startsWith("write") && !name.equals("writev") ? unquote(args.get(1)) : vector(args.get(1));
            byte[] bytes = java.util.Arrays.copyOf(data, Math.min(written, data.length));
            boolean positional = name.startsWith("pwrite");
            long position = positional ? Long.parseLong(args.get(3))
                    : d.append ? sizes.getOrDefault(d.node, 0L) : d.offset;
            trace.wrote(d.node, d.path, position, bytes);
            sizes.merge(d.node, position + bytes.length, Math::max);
            if (!positional) {
                d.offset = position + bytes.length;
            }
        }

        private void duplicated(String old, String result) {
            Descriptor d = descriptor(old);
            if (d != null) {
                descriptors.put(fd(result), d);
            }
        }

        private void renamed(String from, String to) {
            String f = relative(from);
            String t = relative(to);
            if (f != null && t != null) {
                trace.renamed(f, t);
            }
        }

        private void removed(String path) {
            String rel = relative(path);
            if (rel != null) {
                trace.removed(rel);
            }
        }

        private void createdDirectory(String path) {
            String rel = relative(path);
            if (rel != null) {
                trace.createdDirectory(rel);
            }
        }

        private Descriptor descriptor(String arg) {
            return descriptors.get(fd(arg));
        }

        /** An absolute path from a path argument, relative to the directory descriptor {@code dirArg} (null: the cwd). */
        private String path(String dirArg, String pathArg) {
            String p = new String(unquote(pathArg), StandardCharsets.UTF_8);
            if (p.startsWith("/")) {
                return Path.of(p).normalize().toString();
            }
            String base = dirArg == null || dirArg.startsWith("AT_FDCWD") ? cwd : decoration(dirArg);
            return Path.of(base).resolve(p).normalize().toString();
        }

        /** Relative to the root, '/' separated; null outside it. */
        private String relative(String absolute) {
            if (absolute == null) {
                return null;
            }
            Path p = Path.of(absolute);
            if (!p.startsWith(root)) {
                return null;
            }
            String rel = root.relativize(p).toString();
            return rel.isEmpty() ? "." : rel;
        }
    }

    /** Top-level arguments, split at commas outside brackets, braces and decorations. */
    static List<String> split(String args) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '[' || c == '{' || c == '<' || c == '(') {
                depth++;
            } else if (c == ']' || c == '}' || c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(args.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (start < args.length()) {
            parts.add(args.substring(start).trim());
        }
        return parts;
    }

    /** The descriptor number of {@code 3<...>}, or -1. */
    static int fd(String arg) {
        int end = 0;
        while (end < arg.length() && Character.isDigit(arg.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(arg.substring(0, end));
    }

    /** The path in {@code 3<\x2f...>}, decoded; null without one. */
    static String decoration(String arg) {
        int open = arg.indexOf('<');
        int close = arg.lastIndexOf('>');
        if (open < 0 || close < open) {
            return null;
        }
        return new String(hex(arg.substring(open + 1, close)), StandardCharsets.UTF_8);
    }

    /** The bytes of a quoted {@code "\x41\x42"} argument. */
    static byte[] unquote(String arg) {
        int open = arg.indexOf('"');
        int close = arg.lastIndexOf('"');
        return open < 0 || close <= open ? new byte[0] : hex(arg.substring(open + 1, close));
    }

    /** The bytes of a writev vector {@code [{iov_base="..", iov_len=N}, ...]}, concatenated. */
    static byte[] vector(String arg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Matcher m = Pattern.compile("iov_base=\"([^\"]*)\"").matcher(arg);
        while (m.find()) {
            out.writeBytes(hex(m.group(1)));
        }
        return out.toByteArray();
    }

    private static byte[] hex(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length() / 4);
        Matcher m = HEX.matcher(escaped);
        int last = 0;
        while (m.find()) {
            for (int i = last; i < m.start(); i++) {
                out.write(escaped.charAt(i)); // strace leaves nothing unescaped with -xx, but be lenient
            }
            out.write(Integer.parseInt(m.group(1), 16));
            last = m.end();
        }
        for (int i = last; i < escaped.length(); i++) {
            out.write(escaped.charAt(i));
        }
        return out.toByteArray();
    }
}

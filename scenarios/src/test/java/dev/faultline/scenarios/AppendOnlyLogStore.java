package dev.faultline.scenarios;

import dev.faultline.engine.AdapterSpec;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * How most real stores are built, done correctly: a write-ahead log in segments with a manifest,
 * committed in groups. Every put or delete is appended as a record (length, CRC-32, sequence
 * number, collection, key, value) to the current segment, without a force; a segment is rolled
 * at 4 KiB. A flush is the group commit: it forces every segment written since the last one and,
 * when a segment was created, the directory; then it replaces the manifest (each segment with its
 * flushed length) atomically and forces the directory again; only then is what came before it
 * promised ({@code durableAfter: flush}).
 *
 * <p>At open every record up to a segment's flushed length must be intact (a store that finds
 * otherwise refuses to open: corruption it cannot explain); after that the log is read on while
 * records are intact and numbered in sequence, and cut at the first that is not, which is where
 * a crash tore it or left a hole. A crash may lose or tear what was appended since the last
 * flush, never what came before it: a harness that fails this store for a crash raises a false
 * alarm (issue 16: a cut anywhere in the file did, on half its seeds). After a failed force it
 * refuses every write until reopened.
 */
final class AppendOnlyLogStore implements StorageAdapter {
    private static final int HEADER = 8; // length, CRC-32
    private static final byte DELETE = 1;
    /** Sequence number, kind, and the lengths of collection, key and value: no record body is shorter. */
    private static final int MIN_BODY = 8 + 1 + 12;
    private static final int SEGMENT_BYTES = 4096;
    private static final String MANIFEST = "MANIFEST";

    private final Map<String, TreeMap<String, String>> collections = new TreeMap<>();
    private Path root;
    private final List<Path> segments = new ArrayList<>();
    private FileChannel current;
    private final List<Path> unflushed = new ArrayList<>();
    /** Whether a segment was created since the last flush: its entry must be durable before a manifest names it. */
    private boolean newSegment;
    private long nextSequence = 1;
    /**
     * Set when a force fails: the kernel may have dropped the pages it did not write and will not
     * report it again, so a later force would "succeed" over lost records (fsyncgate). Like
     * PostgreSQL since 2018, the store stops writing; reopening recovers what was durable.
     */
    private String failedForce;

    /** One thing done wrong, to show that crash-explore finds it. */
    enum Flaw {
        /** The manifest is written without first making new segments' entries durable. */
        MANIFEST_BEFORE_SEGMENT_ENTRY,
        /**
         * The same, but only for segments made by a roll: the store's first segment's entry is
         * forced. The first roll comes after the 5th fsync, which crash-explore fails by default.
         */
        ROLLED_SEGMENT_ENTRY_UNFORCED,
        /** After a failed force, the next flush forces again and trusts it (fsyncgate). */
        RETRY_FAILED_FORCE
    }

    private final java.util.Set<Flaw> flaws;

    private AppendOnlyLogStore(java.util.Set<Flaw> flaws) {
        this.flaws = flaws;
    }

    static AdapterSpec spec() {
        return new AdapterSpec("append-only-log", (instance, evidence) -> new AppendOnlyLogStore(java.util.Set.of()), Map.of());
    }

    static AdapterSpec withFlaw(Flaw flaw) {
        return new AdapterSpec("append-only-log-" + flaw.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                (instance, evidence) -> new AppendOnlyLogStore(java.util.Set.of(flaw)), Map.of());
    }

    @Override
    public Capabilities open(AdapterContext context) throws IOException {
        root = Files.createDirectories(context.root());
        Map<String, Long> flushed = readManifest();
        try (var files = Files.list(root)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("seg-")).sorted()
                    .forEach(n -> segments.add(root.resolve(n)));
        }
        for (String named : flushed.keySet()) {
            if (!Files.exists(root.resolve(named))) {
                throw new IOException(MANIFEST + " names " + named + ", which is missing: flushed records are gone");
            }
        }
        boolean cut = false;
        for (int i = 0; i < segments.size(); i++) {
            Path segment = segments.get(i);
            if (cut) { // after a gap: never promised, and must not be read past it
                Files.delete(segment);
                segments.remove(i--);
                continue;
            }
            long mustHold = flushed.getOrDefault(segment.getFileName().toString(), 0L);
            long valid = replay(segment, mustHold);
            if (valid < Files.size(segment)) {
                try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    ch.truncate(valid); // the torn tail was never promised: recovery drops it
                }
                cut = true;
            }
        }
        if (segments.isEmpty()) {
            roll();
        } else {
            current = FileChannel.open(segments.get(segments.size() - 1), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            unflushed.add(segments.get(segments.size() - 1));
        }
        return Capabilities.DEFAULT.withDurableAfter(Durability.FLUSH);
    }

    private Map<String, Long> readManifest() throws IOException {
        Map<String, Long> flushed = new LinkedHashMap<>();
        Path manifest = root.resolve(MANIFEST);
        if (Files.exists(manifest)) {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                flushed.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return flushed;
    }

    /** Applies a segment's intact records in sequence; returns where they end. */
    private long replay(Path segment, long mustHold) throws IOException {
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(segment));
        long valid = 0;
        while (all.remaining() >= HEADER) {
            int length = all.getInt();
            int crc = all.getInt();
            // A crash may persist later pages before earlier ones, leaving zeros between: length 0
            // with CRC-32 0 would pass the check (crash-explore found this), so a record is never that short.
            if (length < MIN_BODY || length > all.remaining()) {
                break;
            }
            byte[] body = new byte[length];
            all.get(body);
            if (crc(body) != crc || ByteBuffer.wrap(body).getLong() != nextSequence) {
                break;
            }
            apply(body);
            nextSequence++;
            valid = all.position();
        }
        if (valid < mustHold) {
            throw new IOException(segment.getFileName() + " is damaged at byte " + valid + ", within its flushed length " + mustHold);
        }
        return valid;
    }

    private void roll() throws IOException {
        if (current != null) {
            current.close();
        }
        Path next = root.resolve(String.format("seg-%06d.log", segments.size() + 1));
        current = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        segments.add(next);
        unflushed.add(next);
        newSegment = true;
    }

    private static int crc(byte[] body) {
        CRC32 c = new CRC32();
        c.update(body);
        return (int) c.getValue();
    }

    private byte[] encode(byte kind, String collection, String key, String value) {
        byte[][] parts = {collection.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8),
                value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8)};
        ByteBuffer b = ByteBuffer.allocate(MIN_BODY + parts[0].length + parts[1].length + parts[2].length);
        b.putLong(nextSequence).put(kind);
        for (byte[] p : parts) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    private void apply(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        b.getLong();
        byte kind = b.get();
        String[] parts = new String[3];
        for (int i = 0; i < 3; i++) {
            byte[] p = new byte[b.getInt()];
            b.get(p);
            parts[i] = new String(p, StandardCharsets.UTF_8);
        }
        TreeMap<String, String> c = collections.computeIfAbsent(parts[0], x -> new TreeMap<>());
        if (kind == DELETE) {
            c.remove(parts[1]);
        } else {
            c.put(parts[1], parts[2]);
        }
    }

    private synchronized Outcome append(byte kind, String collection, String key, String value) {
        if (failedForce != null) {
            return Outcome.error(failedForce);
        }
        byte[] body = encode(kind, collection, key, value);
        ByteBuffer record = ByteBuffer.allocate(HEADER + body.length).putInt(body.length).putInt(crc(body)).put(body).flip();
        try {
            if (current.size() > 0 && current.size() + record.remaining() > SEGMENT_BYTES) {
                roll();
            }
            while (record.hasRemaining()) {
                current.write(record);
            }
        } catch (IOException e) {
            return Outcome.error(e);
        }
        apply(body);
        nextSequence++;
        return Outcome.ok();
    }

    @Override
    public Outcome put(String collection, String key, String value) {
        return append((byte) 0, collection, key, value);
    }

    @Override
    public synchronized Outcome get(String collection, String key) {
        String v = collections.getOrDefault(collection, new TreeMap<>()).get(key);
        return v == null ? Outcome.notFound() : Outcome.found(v);
    }

    @Override
    public Outcome delete(String collection, String key) {
        return append(DELETE, collection, key, null);
    }

    @Override
    public synchronized Outcome list(String collection) {
        return Outcome.keys(new ArrayList<>(collections.getOrDefault(collection, new TreeMap<>()).keySet()));
    }

    /** The group commit: every segment written since the last flush forced, then the manifest replaced and the directory forced. */
    @Override
    public synchronized Outcome flush() {
        if (failedForce != null) {
            return Outcome.error(failedForce);
        }
        try {
            for (Path segment : unflushed) {
                try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    ch.force(false);
                } catch (IOException e) {
                    if (!flaws.contains(Flaw.RETRY_FAILED_FORCE)) {
                        failedForce = "EIO: a force of " + segment.getFileName() + " failed (" + e.getMessage() + "); reopen to recover";
                    }
                    throw e;
                }
            }
            boolean entryForgotten = flaws.contains(Flaw.MANIFEST_BEFORE_SEGMENT_ENTRY)
                    || flaws.contains(Flaw.ROLLED_SEGMENT_ENTRY_UNFORCED) && segments.size() > 1;
            if (newSegment && !entryForgotten) {
                // Otherwise the manifest's rename may persist and a segment's entry not: the store would
                // find its manifest naming data that is not there (crash-explore found this).
                forceDirectory();
                newSegment = false;
            }
            StringBuilder manifest = new StringBuilder();
            for (Path segment : segments) {
                manifest.append(segment.getFileName()).append(' ').append(Files.size(segment)).append('\n');
            }
            Path tmp = root.resolve(MANIFEST + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(manifest.toString().getBytes(StandardCharsets.UTF_8)));
                ch.force(false);
            }
            Files.move(tmp, root.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(); // the manifest's rename
            unflushed.clear();
            unflushed.add(segments.get(segments.size() - 1));
            return Outcome.ok();
        } catch (IOException e) {
            return Outcome.error(e);
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    @Override
    public Health health() {
        return Health.ok(); // a torn tail after a crash is expected and cut at open: not damage
    }

    @Override
    public synchronized void close() throws IOException {
        current.close();
    }
}

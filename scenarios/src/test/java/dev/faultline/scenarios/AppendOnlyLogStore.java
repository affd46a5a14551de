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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * How most real stores are built, done correctly: a write-ahead log. Every put or delete is
 * appended as a record (length, CRC-32, collection, key, value) without a force; a flush forces
 * the log, and only then is what came before it promised ({@code durableAfter: flush}). At open
 * the log is read up to the first incomplete or damaged record, which is where a crash tore it,
 * and cut there. A crash may lose or tear what was appended since the last flush, never what
 * came before it: a harness that fails this store for a crash raises a false alarm (issue 16:
 * a cut anywhere in the file did, on half its seeds).
 */
final class AppendOnlyLogStore implements StorageAdapter {
    private static final int HEADER = 8; // length, CRC-32
    private static final byte DELETE = 1;
    /** Kind, and the lengths of collection, key and value: no record body is shorter. */
    private static final int MIN_BODY = 13;

    private final Map<String, TreeMap<String, String>> collections = new TreeMap<>();
    private FileChannel log;

    static AdapterSpec spec() {
        return new AdapterSpec("append-only-log", (instance, evidence) -> new AppendOnlyLogStore(), Map.of());
    }

    @Override
    public Capabilities open(AdapterContext context) throws IOException {
        Files.createDirectories(context.root());
        Path file = context.root().resolve("store.log");
        boolean created = !Files.exists(file);
        log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (created) { // the log's directory entry is durable only once its directory is forced
            try (FileChannel dir = FileChannel.open(context.root(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
        ByteBuffer all = ByteBuffer.allocate((int) log.size());
        while (all.hasRemaining() && log.read(all, all.position()) >= 0) {
            // read it whole
        }
        all.flip();
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
            if (crc(body) != crc) {
                break;
            }
            apply(body);
            valid = all.position();
        }
        log.truncate(valid); // the torn tail was never promised: recovery drops it
        log.position(valid);
        return Capabilities.DEFAULT.withDurableAfter(Durability.FLUSH);
    }

    private static int crc(byte[] body) {
        CRC32 c = new CRC32();
        c.update(body);
        return (int) c.getValue();
    }

    private static byte[] encode(byte kind, String collection, String key, String value) {
        byte[][] parts = {collection.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8),
                value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8)};
        ByteBuffer b = ByteBuffer.allocate(1 + 12 + parts[0].length + parts[1].length + parts[2].length);
        b.put(kind);
        for (byte[] p : parts) {
            b.putInt(p.length).put(p);
        }
        return b.array();
    }

    private void apply(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
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

    private Outcome append(byte kind, String collection, String key, String value) {
        byte[] body = encode(kind, collection, key, value);
        ByteBuffer record = ByteBuffer.allocate(HEADER + body.length).putInt(body.length).putInt(crc(body)).put(body).flip();
        try {
            while (record.hasRemaining()) {
                log.write(record);
            }
        } catch (IOException e) {
            return Outcome.error(e);
        }
        apply(body);
        return Outcome.ok();
    }

    @Override
    public Outcome put(String collection, String key, String value) {
        return append((byte) 0, collection, key, value);
    }

    @Override
    public Outcome get(String collection, String key) {
        String v = collections.getOrDefault(collection, new TreeMap<>()).get(key);
        return v == null ? Outcome.notFound() : Outcome.found(v);
    }

    @Override
    public Outcome delete(String collection, String key) {
        return append(DELETE, collection, key, null);
    }

    @Override
    public Outcome list(String collection) {
        return Outcome.keys(new ArrayList<>(collections.getOrDefault(collection, new TreeMap<>()).keySet()));
    }

    @Override
    public Outcome flush() {
        try {
            log.force(false);
            return Outcome.ok();
        } catch (IOException e) {
            return Outcome.error(e);
        }
    }

    @Override
    public Health health() {
        return Health.ok(); // a torn tail after a crash is expected and cut at open: not damage
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}

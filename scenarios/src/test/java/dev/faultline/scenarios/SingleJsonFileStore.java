package dev.faultline.scenarios;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.engine.AdapterSpec;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every collection in one JSON file, as incident 000's extension keeps its channelStates.json:
 * written whole at each flush (temporary file, fsync, rename, directory fsync). When the file
 * will not parse at start, the honest variant says so: health degraded naming the file, every
 * read an error. The other does what the extension did: starts empty and says healthy, so every
 * record is silently gone. Test-only.
 */
final class SingleJsonFileStore implements StorageAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final boolean honest;
    private Path file;
    private Map<String, Map<String, String>> state = new TreeMap<>();
    private String damage;

    private SingleJsonFileStore(boolean honest) {
        this.honest = honest;
    }

    /** @param honest whether a damaged file is reported (else replaced by empty state, healthy) */
    static AdapterSpec spec(boolean honest) {
        return new AdapterSpec(honest ? "single-json-file" : "single-json-file-starts-empty",
                (instance, evidence) -> new SingleJsonFileStore(honest), Map.of());
    }

    @Override
    public Capabilities open(AdapterContext context) throws IOException {
        Files.createDirectories(context.root());
        file = context.root().resolve("state.json");
        if (Files.exists(file)) {
            try {
                state = JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, Map<String, String>>>() { });
            } catch (IOException e) {
                if (honest) {
                    damage = file.getFileName() + " does not parse: " + e.getMessage().lines().findFirst().orElse("");
                }
                state = new TreeMap<>();
            }
        }
        return Capabilities.DEFAULT.withDurableAfter(Durability.FLUSH);
    }

    @Override
    public synchronized Outcome put(String collection, String key, String value) {
        if (damage != null) {
            return Outcome.error("EIO: " + damage);
        }
        state.computeIfAbsent(collection, c -> new TreeMap<>()).put(key, value);
        return Outcome.ok();
    }

    @Override
    public synchronized Outcome get(String collection, String key) {
        if (damage != null) {
            return Outcome.error("EIO: " + damage);
        }
        String v = state.getOrDefault(collection, Map.of()).get(key);
        return v == null ? Outcome.notFound() : Outcome.found(v);
    }

    @Override
    public synchronized Outcome delete(String collection, String key) {
        if (damage != null) {
            return Outcome.error("EIO: " + damage);
        }
        state.getOrDefault(collection, new TreeMap<>()).remove(key);
        return Outcome.ok();
    }

    @Override
    public synchronized Outcome list(String collection) {
        return Outcome.keys(new ArrayList<>(state.getOrDefault(collection, Map.of()).keySet()));
    }

    @Override
    public synchronized Outcome flush() {
        if (damage != null) {
            return Outcome.error("EIO: " + damage);
        }
        try {
            Path tmp = file.resolveSibling("state.json.tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(state)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
            return Outcome.ok();
        } catch (IOException e) {
            return Outcome.error(e);
        }
    }

    @Override
    public Health health() {
        return damage == null ? Health.ok() : Health.degraded(Map.of("state.json", damage));
    }

    @Override
    public void close() {
    }
}

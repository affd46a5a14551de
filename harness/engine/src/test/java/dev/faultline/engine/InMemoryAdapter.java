package dev.faultline.engine;

import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store kept in a map shared by every instance in the JVM and declared durable on put, so that
 * engine tests can make it lose, corrupt or hang on purpose.
 */
public class InMemoryAdapter implements StorageAdapter {
    final Map<String, String> data;

    public InMemoryAdapter(Map<String, String> data) {
        this.data = data;
    }

    public static Map<String, String> newData() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Capabilities open(AdapterContext context) {
        return Capabilities.DEFAULT.withDurableAfter(Durability.PUT);
    }

    @Override
    public Outcome put(String collection, String key, String value) {
        data.put(collection + "/" + key, value);
        return Outcome.ok();
    }

    @Override
    public Outcome get(String collection, String key) {
        String v = data.get(collection + "/" + key);
        return v == null ? Outcome.notFound() : Outcome.found(v);
    }

    @Override
    public Outcome delete(String collection, String key) {
        data.remove(collection + "/" + key);
        return Outcome.ok();
    }

    @Override
    public Outcome list(String collection) {
        return Outcome.keys(new ArrayList<>(data.keySet()));
    }

    @Override
    public Outcome flush() {
        return Outcome.ok();
    }

    @Override
    public Health health() {
        return Health.ok();
    }

    @Override
    public void close() {
    }
}

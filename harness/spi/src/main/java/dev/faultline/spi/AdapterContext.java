package dev.faultline.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an adapter instance is given at open.
 *
 * @param root     the storage directory; it may not exist yet (possibly on a fault filesystem)
 * @param instance the instance number, from 0, when several instances share one root
 * @param settings adapter settings from {@code --param adapter.KEY=VALUE}, never null
 */
public record AdapterContext(Path root, int instance, Map<String, String> settings) {
    public AdapterContext {
        settings = Map.copyOf(settings);
    }

    public String setting(String name, String defaultValue) {
        return settings.getOrDefault(name, defaultValue);
    }
}

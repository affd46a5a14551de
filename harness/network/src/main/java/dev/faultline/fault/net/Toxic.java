package dev.faultline.fault.net;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One toxic as Toxiproxy defines it: a type, the stream it acts on, the share of connections it
 * affects, and its attributes (all integers, as in Toxiproxy). Immutable; an update makes a new one.
 *
 * @param stream   {@code upstream} (client to server) or {@code downstream} (server to client)
 * @param toxicity the probability, per connection, that the toxic applies to it
 */
public record Toxic(String name, Type type, String stream, double toxicity, Map<String, Long> attributes) {

    /** The toxic types of Toxiproxy 2.x and their attributes with Toxiproxy's defaults. */
    public enum Type {
        LATENCY("latency", Map.of("latency", 0L, "jitter", 0L)),
        BANDWIDTH("bandwidth", Map.of("rate", 0L)),
        SLOW_CLOSE("slow_close", Map.of("delay", 0L)),
        TIMEOUT("timeout", Map.of("timeout", 0L)),
        RESET_PEER("reset_peer", Map.of("timeout", 0L)),
        SLICER("slicer", Map.of("average_size", 0L, "size_variation", 0L, "delay", 0L)),
        LIMIT_DATA("limit_data", Map.of("bytes", 0L));

        final String wireName;
        final Map<String, Long> defaults;

        Type(String wireName, Map<String, Long> defaults) {
            this.wireName = wireName;
            this.defaults = defaults;
        }

        public String wireName() {
            return wireName;
        }

        static Type of(String wireName) {
            for (Type t : values()) {
                if (t.wireName.equals(wireName)) {
                    return t;
                }
            }
            throw new ApiException(400, "bad request: unknown toxic type " + wireName);
        }
    }

    public Toxic {
        if (!stream.equals("upstream") && !stream.equals("downstream")) {
            throw new ApiException(400, "bad request: stream must be upstream or downstream, not " + stream);
        }
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new ApiException(400, "bad request: toxicity must be between 0 and 1, not " + toxicity);
        }
        for (var e : attributes.entrySet()) {
            if (!type.defaults.containsKey(e.getKey())) {
                throw new ApiException(400, "bad request: " + type.wireName + " has no attribute " + e.getKey());
            }
            if (e.getValue() < 0) {
                throw new ApiException(400, "bad request: " + e.getKey() + " must not be negative");
            }
        }
        Map<String, Long> complete = new LinkedHashMap<>(type.defaults);
        complete.putAll(attributes);
        attributes = Map.copyOf(complete);
    }

    public boolean upstream() {
        return stream.equals("upstream");
    }

    public long attribute(String key) {
        return attributes.get(key);
    }

    /** Toxiproxy's default name: {@code TYPE_STREAM}. */
    static String defaultName(String type, String stream) {
        return type.toLowerCase(Locale.ROOT) + "_" + stream;
    }

    /** This toxic with the fields of {@code change} that are set (Toxiproxy merges updates). */
    Toxic updated(Double newToxicity, String newStream, Map<String, Long> newAttributes) {
        Map<String, Long> merged = new LinkedHashMap<>(attributes);
        merged.putAll(newAttributes);
        return new Toxic(name, type, newStream != null ? newStream : stream,
                newToxicity != null ? newToxicity : toxicity, merged);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type.wireName);
        json.put("stream", stream);
        json.put("toxicity", toxicity);
        json.put("attributes", new java.util.TreeMap<>(attributes));
        return json;
    }
}

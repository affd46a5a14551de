package dev.faultline.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Health;
import dev.faultline.spi.Names;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves a Java adapter over {@code adapter-protocol-v1.md}, so a built-in store can run out of
 * process: killed with -9, put under libfiu, or started several times on one directory.
 */
public final class AdapterServer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StorageAdapter adapter;
    private final Path root;
    private final int instance;

    public AdapterServer(StorageAdapter adapter, Path root, int instance) {
        this.adapter = adapter;
        this.root = root;
        this.instance = instance;
    }

    /** Answers requests until {@code close} (returns normally) or end of input. */
    public void serve(InputStream in, OutputStream out) throws Exception {
        LineChannel channel = new LineChannel(in, out, LineChannel.MAX_LINE_BYTES);
        String line;
        while ((line = channel.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request;
            try {
                request = JSON.readTree(line);
            } catch (IOException e) {
                channel.writeLine(JSON.writeValueAsString(failure(null, "EINVAL: request is not JSON")));
                continue;
            }
            ObjectNode response = answer(request);
            channel.writeLine(JSON.writeValueAsString(response));
            if ("close".equals(request.path("op").asText()) && response.path("ok").asBoolean()) {
                return;
            }
        }
        adapter.close(); // input closed without close: release the store anyway
    }

    private ObjectNode answer(JsonNode request) {
        JsonNode id = request.get("id");
        try {
            String op = request.path("op").asText();
            return switch (op) {
                case "open" -> open(id, request.get("settings"));
                case "put" -> outcome(id, adapter.put(name(request, "collection"), name(request, "key"), text(request, "value")));
                case "get" -> outcome(id, adapter.get(name(request, "collection"), name(request, "key")));
                case "delete" -> outcome(id, adapter.delete(name(request, "collection"), name(request, "key")));
                case "list" -> outcome(id, adapter.list(name(request, "collection")));
                case "flush" -> outcome(id, adapter.flush());
                case "health" -> health(id, adapter.health());
                case "close" -> {
                    adapter.close();
                    yield success(id);
                }
                default -> failure(id, "EINVAL: unknown op '" + op + "'");
            };
        } catch (IllegalArgumentException e) {
            return failure(id, "EINVAL: " + e.getMessage());
        } catch (Exception e) {
            return failure(id, dev.faultline.spi.Errors.describe(e));
        }
    }

    private ObjectNode open(JsonNode id, JsonNode settingsNode) throws Exception {
        Map<String, String> settings = new HashMap<>();
        if (settingsNode != null && settingsNode.isObject()) {
            settingsNode.fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
        }
        Capabilities caps = adapter.open(new AdapterContext(root, instance, settings));
        ObjectNode r = success(id);
        ObjectNode c = r.putObject("capabilities");
        c.put("durableAfter", caps.durableAfter().protocolName());
        c.put("multiProcess", caps.multiProcess());
        caps.retainLast().ifPresent(n -> c.put("retainLast", n));
        if (caps.caseInsensitiveKeys()) {
            c.put("caseInsensitiveKeys", true);
        }
        if (caps.maxKeyLength() < Capabilities.PROTOCOL_MAX_KEY_LENGTH) {
            c.put("maxKeyLength", caps.maxKeyLength());
        }
        return r;
    }

    private static ObjectNode outcome(JsonNode id, Outcome o) {
        return switch (o.status()) {
            case ERROR -> failure(id, o.error());
            case NOT_FOUND -> success(id).put("found", false);
            case OK -> {
                ObjectNode r = success(id);
                if (o.value() != null) {
                    r.put("found", true).put("value", o.value());
                } else if (o.keyList() != null) {
                    o.keyList().forEach(r.putArray("keys")::add);
                }
                yield r;
            }
        };
    }

    private static ObjectNode health(JsonNode id, Health h) {
        ObjectNode r = success(id).put("status", h.status());
        if (!h.detail().isEmpty()) {
            r.set("detail", JSON.valueToTree(h.detail()));
        }
        return r;
    }

    private static String name(JsonNode request, String field) {
        return Names.require(field, text(request, field));
    }

    private static String text(JsonNode request, String field) {
        JsonNode v = request.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asText();
    }

    private static ObjectNode success(JsonNode id) {
        ObjectNode r = JSON.createObjectNode();
        r.set("id", id);
        return r.put("ok", true);
    }

    private static ObjectNode failure(JsonNode id, String error) {
        ObjectNode r = JSON.createObjectNode();
        r.set("id", id);
        return r.put("ok", false).put("error", error);
    }
}

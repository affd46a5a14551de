package dev.faultline.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.check.FailureKind;
import dev.faultline.engine.AdapterFailure;
import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Instance;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An adapter that is an external program speaking {@code adapter-protocol-v1.md} on its stdin and
 * stdout. The program gets only the environment it needs; its stderr is kept as evidence. A
 * program that exits without {@code close} is CRASHED; one that breaks the protocol is bad input.
 */
public final class ProcessAdapter implements StorageAdapter, Instance.ExternalProcess {
    /** Variables passed through from the harness's environment; everything else is withheld. */
    private static final List<String> PASSED_ENVIRONMENT = List.of(
            "PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "TEMP", "TMP", "JAVA_HOME",
            "SYSTEMROOT", "SystemRoot", "COMSPEC", "PATHEXT", "WINDIR");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CLOSE_WAIT_SECONDS = 10;

    private List<String> command;
    private final String label;
    private final Path stderrFile;
    private Process process;
    private LineChannel channel;
    private int instance;
    private long nextId = 1;
    private volatile boolean killed;
    private java.util.function.LongConsumer startListener = pid -> { };

    public ProcessAdapter(List<String> command, Path stderrFile) {
        this.command = List.copyOf(command);
        this.label = String.join(" ", command);
        this.stderrFile = stderrFile;
    }

    /** An adapter spec for a command given as one string ({@code --adapter-command}). */
    public static AdapterSpec spec(String commandLine, Map<String, String> settings) {
        return spec(commandLine, CommandLine.split(commandLine), settings);
    }

    /** An adapter spec for a command already split into arguments, shown in results as {@code name}. */
    public static AdapterSpec spec(String name, List<String> argv, Map<String, String> settings) {
        List<String> command = List.copyOf(argv);
        return new AdapterSpec(name,
                (instance, evidenceDir) -> new ProcessAdapter(command, evidenceDir.resolve("instance-" + instance + ".stderr.log")),
                settings, false, false);
    }

    @Override
    public Capabilities open(AdapterContext context) throws IOException {
        instance = context.instance();
        Files.createDirectories(stderrFile.getParent());
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.keySet().retainAll(PASSED_ENVIRONMENT);
        env.put("FAULTLINE_ROOT", context.root().toAbsolutePath().toString());
        env.put("FAULTLINE_INSTANCE", Integer.toString(context.instance()));
        env.put("FAULTLINE_PROTOCOL", "1");
        pb.redirectError(ProcessBuilder.Redirect.appendTo(stderrFile.toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new BadInputException("adapter command '" + label + "' cannot be started: " + e.getMessage());
        }
        startListener.accept(process.pid());
        channel = new LineChannel(process.getInputStream(), process.getOutputStream(), LineChannel.MAX_LINE_BYTES);
        ObjectNode open = request("open");
        if (!context.settings().isEmpty()) {
            open.set("settings", JSON.valueToTree(context.settings()));
        }
        JsonNode response = exchange(open);
        if (!response.path("ok").asBoolean()) {
            throw new IOException(errorText(response));
        }
        return capabilities(response.get("capabilities"));
    }

    private Capabilities capabilities(JsonNode node) {
        Capabilities caps = Capabilities.DEFAULT;
        if (node == null || node.isNull()) {
            return caps;
        }
        if (!node.isObject()) {
            throw violation("capabilities is not an object: " + node);
        }
        JsonNode durable = node.get("durableAfter");
        if (durable != null) {
            try {
                caps = caps.withDurableAfter(Durability.fromProtocolName(durable.asText()));
            } catch (IllegalArgumentException e) {
                throw violation(e.getMessage());
            }
        }
        JsonNode multi = node.get("multiProcess");
        if (multi != null) {
            if (!multi.isBoolean()) {
                throw violation("multiProcess is not true or false: " + multi);
            }
            caps = caps.withMultiProcess(multi.asBoolean());
        }
        JsonNode retain = node.get("retainLast");
        if (retain != null && !retain.isNull()) {
            if (!retain.isIntegralNumber() || retain.asLong() < 1 || retain.asLong() > Integer.MAX_VALUE) {
                throw violation("retainLast is not a positive integer: " + retain);
            }
            caps = caps.withRetainLast(retain.asInt());
        }
        JsonNode caseInsensitive = node.get("caseInsensitiveKeys");
        if (caseInsensitive != null) {
            if (!caseInsensitive.isBoolean()) {
                throw violation("caseInsensitiveKeys is not true or false: " + caseInsensitive);
            }
            caps = caps.withCaseInsensitiveKeys(caseInsensitive.asBoolean());
        }
        JsonNode maxKey = node.get("maxKeyLength");
        if (maxKey != null) {
            if (!maxKey.isIntegralNumber() || maxKey.asLong() < 1 || maxKey.asLong() > Capabilities.PROTOCOL_MAX_KEY_LENGTH) {
                throw violation("maxKeyLength is not an integer from 1 to " + Capabilities.PROTOCOL_MAX_KEY_LENGTH + ": " + maxKey);
            }
            caps = caps.withMaxKeyLength(maxKey.asInt());
        }
        return caps;
    }

    @Override
    public Outcome put(String collection, String key, String value) {
        return simple(request("put").put("collection", collection).put("key", key).put("value", value));
    }

    @Override
    public Outcome get(String collection, String key) {
        JsonNode r = exchange(request("get").put("collection", collection).put("key", key));
        if (!r.path("ok").asBoolean()) {
            return Outcome.error(errorText(r));
        }
        JsonNode found = r.get("found");
        if (found == null || !found.isBoolean()) {
            throw violation("get response without found true or false: " + abbreviate(r));
        }
        if (!found.asBoolean()) {
            return Outcome.notFound();
        }
        JsonNode value = r.get("value");
        if (value == null || !value.isTextual()) {
            throw violation("get response with found true but no string value: " + abbreviate(r));
        }
        return Outcome.found(value.asText());
    }

    @Override
    public Outcome delete(String collection, String key) {
        return simple(request("delete").put("collection", collection).put("key", key));
    }

    @Override
    public Outcome list(String collection) {
        JsonNode r = exchange(request("list").put("collection", collection));
        if (!r.path("ok").asBoolean()) {
            return Outcome.error(errorText(r));
        }
        JsonNode keys = r.get("keys");
        if (keys == null || !keys.isArray()) {
            throw violation("list response without a keys array: " + abbreviate(r));
        }
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(k.asText()));
        return Outcome.keys(out);
    }

    @Override
    public Outcome flush() {
        return simple(request("flush"));
    }

    @Override
    public Health health() {
        JsonNode r = exchange(request("health"));
        if (!r.path("ok").asBoolean()) {
            return Health.degraded(Map.of("error", errorText(r)));
        }
        String status = r.path("status").asText();
        Map<String, Object> detail = r.has("detail")
                ? JSON.convertValue(r.get("detail"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { })
                : Map.of();
        return switch (status) {
            case "healthy" -> new Health(true, detail);
            case "degraded" -> Health.degraded(detail);
            default -> throw violation("health status is neither healthy nor degraded: " + abbreviate(r));
        };
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        try {
            JsonNode r = exchange(request("close"));
            if (!r.path("ok").asBoolean()) {
                throw new IOException(errorText(r));
            }
            if (!process.waitFor(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("adapter did not exit within " + CLOSE_WAIT_SECONDS + " s of close");
            }
        } finally {
            kill();
        }
    }

    @Override
    public void kill() {
        killed = true;
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void whenStarted(java.util.function.LongConsumer listener) {
        startListener = listener;
    }

    @Override
    public void wrapCommand(java.util.function.UnaryOperator<List<String>> wrapper) {
        if (process != null) {
            throw new IllegalStateException("the process already started");
        }
        command = List.copyOf(wrapper.apply(command));
    }

    @Override
    public List<String> evidence() {
        try {
            List<String> lines = Files.readAllLines(stderrFile, StandardCharsets.UTF_8);
            List<String> tail = new ArrayList<>();
            tail.add("stderr of instance " + instance + " (" + stderrFile + "), last lines:");
            lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> tail.add("  " + l));
            return tail;
        } catch (IOException e) {
            return List.of("no stderr kept for instance " + instance + ": " + e.getMessage());
        }
    }

    private ObjectNode request(String op) {
        return JSON.createObjectNode().put("id", nextId++).put("op", op);
    }

    private Outcome simple(ObjectNode request) {
        JsonNode r = exchange(request);
        return r.path("ok").asBoolean() ? Outcome.ok() : Outcome.error(errorText(r));
    }

    private JsonNode exchange(ObjectNode request) {
        long id = request.get("id").asLong();
        String line;
        try {
            channel.writeLine(JSON.writeValueAsString(request));
            line = channel.readLine();
        } catch (LineChannel.LineTooLong e) {
            throw violation("response to request " + id + ": " + e.getMessage());
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            throw exited(request.get("op").asText());
        }
        JsonNode response;
        try {
            response = JSON.readTree(line);
        } catch (IOException e) {
            throw violation("response to request " + id + " is not JSON: " + abbreviate(line));
        }
        if (response == null || !response.isObject()) {
            throw violation("response to request " + id + " is not a JSON object: " + abbreviate(line));
        }
        if (!response.path("id").isIntegralNumber() || response.path("id").asLong() != id) {
            throw violation("response to request " + id + " carries id " + response.get("id") + ": " + abbreviate(line));
        }
        if (!response.path("ok").isBoolean()) {
            throw violation("response to request " + id + " has no ok true or false: " + abbreviate(line));
        }
        return response;
    }

    private RuntimeException exited(String op) {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (killed) {
            return new AdapterFailure(FailureKind.HUNG, "instance " + instance + " was ended after it stopped answering", evidence());
        }
        String status = process.isAlive() ? "closed its output but is still running" : "exited with status " + process.exitValue();
        return new AdapterFailure(FailureKind.CRASHED,
                "instance " + instance + " (" + label + ") " + status + " during " + op + ", without close", evidence());
    }

    private BadInputException violation(String what) {
        kill();
        return new BadInputException("adapter '" + label + "' instance " + instance + " broke protocol v1: " + what);
    }

    private static String errorText(JsonNode response) {
        JsonNode error = response.get("error");
        return error != null && error.isTextual() ? error.asText() : "failed without an error text";
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + " chars)" : s;
    }
}

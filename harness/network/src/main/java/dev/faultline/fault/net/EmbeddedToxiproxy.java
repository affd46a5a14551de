package dev.faultline.fault.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A Toxiproxy server inside the harness: Toxiproxy's HTTP API (proxies, toxics, reset, version)
 * on loopback, so the official client drives it unchanged where no real server can run (no
 * Docker, Windows and macOS runners). Proxies listen on loopback only. Toxicity draws and jitter
 * come from {@code seed}.
 */
public final class EmbeddedToxiproxy implements AutoCloseable {
    /** The Toxiproxy version whose API this server follows. */
    public static final String VERSION = "2.12.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final ExecutorService handlers;
    private final ScheduledExecutorService timers;
    private final long seed;
    private final Map<String, ToxicProxy> proxies = new LinkedHashMap<>();

    private EmbeddedToxiproxy(int port, long seed) throws IOException {
        this.seed = seed;
        this.http = LoopbackHttp.create(port, 0);
        this.handlers = Executors.newFixedThreadPool(2, daemon("toxiproxy api"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("toxiproxy timers"));
        http.setExecutor(handlers);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Starts on {@code 127.0.0.1:port} (0: any free port). */
    public static EmbeddedToxiproxy start(int port, long seed) throws IOException {
        return new EmbeddedToxiproxy(port, seed);
    }

    public String host() {
        return http.getAddress().getHostString();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:8474}. */
    public String url() {
        return "http://" + host() + ":" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Object body;
            int status;
            try {
                String[] path = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
                Answer answer = route(exchange.getRequestMethod(), path, exchange.getRequestBody());
                status = answer.status();
                body = answer.body();
            } catch (ApiException e) {
                status = e.status;
                body = Map.of("error", e.getMessage(), "status", e.status);
            } catch (IOException | RuntimeException e) {
                status = 500;
                body = Map.of("error", String.valueOf(e.getMessage()), "status", 500);
            }
            send(exchange, status, body);
        }
    }

    private record Answer(int status, Object body) {
    }

    private Answer route(String method, String[] path, InputStream requestBody) throws IOException {
        String first = path[0];
        if (path.length == 1 && first.equals("version") && method.equals("GET")) {
            return new Answer(200, VERSION);
        }
        if (path.length == 1 && first.equals("reset") && method.equals("POST")) {
            for (ToxicProxy p : snapshot()) {
                p.reset();
            }
            return new Answer(204, null);
        }
        if (path.length == 1 && first.equals("populate") && method.equals("POST")) {
            return populate(requestBody);
        }
        if (!first.equals("proxies")) {
            throw new ApiException(404, "not found");
        }
        if (path.length == 1) {
            return switch (method) {
                case "GET" -> {
                    Map<String, Object> all = new LinkedHashMap<>();
                    snapshot().forEach(p -> all.put(p.name(), p.toJson()));
                    yield new Answer(200, all);
                }
                case "POST" -> new Answer(201, create(read(requestBody)).toJson());
                default -> throw new ApiException(405, "method not allowed");
            };
        }
        ToxicProxy proxy = proxy(path[1]);
        if (path.length == 2) {
            return switch (method) {
                case "GET" -> new Answer(200, proxy.toJson());
                case "POST", "PATCH" -> {
                    JsonNode change = read(requestBody);
                    proxy.update(text(change, "listen"), text(change, "upstream"),
                            change.has("enabled") ? change.get("enabled").asBoolean() : null);
                    yield new Answer(200, proxy.toJson());
                }
                case "DELETE" -> {
                    synchronized (proxies) {
                        proxies.remove(proxy.name());
                    }
                    proxy.delete();
                    yield new Answer(204, null);
                }
                default -> throw new ApiException(405, "method not allowed");
            };
        }
        if (!path[2].equals("toxics") || path.length > 4) {
            throw new ApiException(404, "not found");
        }
        if (path.length == 3) {
            return switch (method) {
                case "GET" -> new Answer(200, proxy.toxics().stream().map(Toxic::toJson).toList());
                case "POST" -> new Answer(200, proxy.addToxic(newToxic(read(requestBody))).toJson());
                default -> throw new ApiException(405, "method not allowed");
            };
        }
        String toxicName = path[3];
        return switch (method) {
            case "GET" -> new Answer(200, proxy.toxic(toxicName).toJson());
            case "POST", "PATCH" -> {
                JsonNode change = read(requestBody);
                Double toxicity = change.has("toxicity") ? change.get("toxicity").asDouble() : null;
                yield new Answer(200, proxy.updateToxic(toxicName, toxicity, text(change, "stream"), attributes(change)).toJson());
            }
            case "DELETE" -> {
                proxy.removeToxic(toxicName);
                yield new Answer(204, null);
            }
            default -> throw new ApiException(405, "method not allowed");
        };
    }

    private ToxicProxy create(JsonNode spec) throws IOException {
        String name = text(spec, "name");
        String upstream = text(spec, "upstream");
        if (name == null || name.isEmpty()) {
            throw new ApiException(400, "missing required field: name");
        }
        if (upstream == null || upstream.isEmpty()) {
            throw new ApiException(400, "missing required field: upstream");
        }
        ToxicProxy.parse(upstream, "upstream");
        String listen = text(spec, "listen");
        ToxicProxy proxy;
        synchronized (proxies) {
            if (proxies.containsKey(name)) {
                throw new ApiException(409, "proxy already exists");
            }
            proxy = new ToxicProxy(name, listen == null || listen.isEmpty() ? "127.0.0.1:0" : listen, upstream, timers,
                    seed * 0x9E3779B97F4A7C15L + proxies.size());
            proxies.put(name, proxy);
        }
        if (!spec.has("enabled") || spec.get("enabled").asBoolean()) {
            try {
                proxy.enable();
            } catch (IOException | RuntimeException e) {
                synchronized (proxies) {
                    proxies.remove(name);
                }
                throw e;
            }
        }
        return proxy;
    }

    private Answer populate(InputStream requestBody) throws IOException {
        JsonNode list = read(requestBody);
        if (!list.isArray()) {
            throw new ApiException(400, "bad request: populate takes an array of proxies");
        }
        List<Object> created = new java.util.ArrayList<>();
        for (JsonNode spec : list) {
            String name = text(spec, "name");
            ToxicProxy existing;
            synchronized (proxies) {
                existing = name == null ? null : proxies.get(name);
            }
            if (existing != null) {
                existing.update(text(spec, "listen"), text(spec, "upstream"), spec.has("enabled") ? spec.get("enabled").asBoolean() : null);
                created.add(existing.toJson());
            } else {
                created.add(create(spec).toJson());
            }
        }
        return new Answer(201, Map.of("proxies", created));
    }

    private static Toxic newToxic(JsonNode spec) {
        String type = text(spec, "type");
        if (type == null) {
            throw new ApiException(400, "missing required field: type");
        }
        Toxic.Type kind = Toxic.Type.of(type);
        String stream = text(spec, "stream");
        stream = stream == null || stream.isEmpty() ? "downstream" : stream;
        String name = text(spec, "name");
        name = name == null || name.isEmpty() ? Toxic.defaultName(type, stream) : name;
        double toxicity = spec.has("toxicity") ? spec.get("toxicity").asDouble() : 1.0;
        return new Toxic(name, kind, stream, toxicity, attributes(spec));
    }

    private static Map<String, Long> attributes(JsonNode spec) {
        Map<String, Long> attributes = new LinkedHashMap<>();
        JsonNode node = spec.get("attributes");
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNumber()) {
                    throw new ApiException(400, "bad request: attribute " + e.getKey() + " must be a number");
                }
                attributes.put(e.getKey(), e.getValue().asLong());
            });
        }
        return attributes;
    }

    private ToxicProxy proxy(String name) {
        synchronized (proxies) {
            ToxicProxy proxy = proxies.get(name);
            if (proxy == null) {
                throw new ApiException(404, "proxy not found");
            }
            return proxy;
        }
    }

    private List<ToxicProxy> snapshot() {
        synchronized (proxies) {
            return List.copyOf(proxies.values());
        }
    }

    private static JsonNode read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ApiException(400, "bad request: body is not JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", body instanceof String ? "text/plain" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the API and every proxy with its connections. */
    @Override
    public void close() {
        http.stop(0);
        for (ToxicProxy p : snapshot()) {
            p.delete();
        }
        handlers.shutdownNow();
        timers.shutdownNow();
    }
}

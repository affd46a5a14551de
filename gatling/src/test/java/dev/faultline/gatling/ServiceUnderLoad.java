package dev.faultline.gatling;

import dev.faultline.backend.NetworkBackend;
import dev.faultline.check.CheckResult;
import dev.faultline.check.FailureKind;
import dev.faultline.engine.Cleanup;
import dev.faultline.engine.RunDirectories;
import dev.faultline.fixtures.http.IngestionService;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import dev.faultline.spi.AdapterContext;
import io.gatling.javaapi.core.Session;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The reference ingestion service for a simulation: embedded PostgreSQL behind the embedded
 * Toxiproxy, the service on loopback, all in a marked run directory; closed in the simulation's
 * {@code after()} and, should the JVM stop first, by the harness's shutdown cleanup. Gatling 3.13+
 * writes no machine-readable statistics, so each request's response time is recorded here, into
 * HdrHistogram, and written as a Faultline result ({@code reports/load/NAME/result.json}).
 */
final class ServiceUnderLoad implements AutoCloseable {
    private final String name;
    private final List<String> incidents;
    private final Path runDir;
    private final NetworkBackend backend;
    private final AdapterContext context;
    private IngestionService service;
    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    /** The first and last recorded answer: throughput counts the load, not the servers' start. */
    private final java.util.concurrent.atomic.AtomicLong firstNanos = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    private final java.util.concurrent.atomic.AtomicLong lastNanos = new java.util.concurrent.atomic.AtomicLong();
    private final String startedAt = Instant.now().toString();

    ServiceUnderLoad(String name, List<String> incidents) {
        this.name = name;
        this.incidents = incidents;
        try {
            runDir = RunDirectories.create(Path.of(System.getProperty("java.io.tmpdir"), "faultline-runs"), "gatling-" + name);
            backend = NetworkBackend.start(runDir.resolve("postgres"), 1, Map.of(), message -> { });
            context = new AdapterContext(runDir.resolve("data"), 0, backend.adapterSettings());
            service = IngestionService.start(context, IngestionService.Policy.REFERENCE);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the service under load: " + e, e);
        }
        Cleanup.register(this);
    }

    String url() {
        return service.url();
    }

    /** Stops the service and starts it again on the same spill and database: a cold start. */
    void restart() throws IOException {
        service.close();
        service = IngestionService.start(context, IngestionService.Policy.REFERENCE);
    }

    /** A Gatling action recording the response time saved as {@code rt} under {@code request}, or a failure. */
    Function<Session, Session> record(String request) {
        return session -> {
            long now = System.nanoTime();
            firstNanos.accumulateAndGet(now, Math::min);
            lastNanos.accumulateAndGet(now, Math::max);
            if (session.contains("rt") && !session.isFailed()) {
                // Gatling runs virtual users on many threads: a histogram that takes concurrent records
                latencies.computeIfAbsent(request, k -> new ConcurrentHistogram(3_600_000L, 3)).recordValue(Math.max(0, session.getLong("rt")));
            } else {
                failures.merge(request, 1L, Long::sum);
            }
            return session.remove("rt").markAsSucceeded();
        };
    }

    /**
     * Writes the result: requests per second and latency percentiles per request kind (figures
     * named as Faultline's, so baselines and the gate treat them alike), judged against the p99
     * objectives the simulation's Gatling assertions use.
     */
    void writeResult(Map<String, Long> p99BoundsMs) throws IOException {
        double seconds = Math.max(1e-3, (lastNanos.get() - firstNanos.get()) / 1e9);
        Map<String, Object> figures = new LinkedHashMap<>();
        long requests = latencies.values().stream().mapToLong(Histogram::getTotalCount).sum();
        figures.put("operationsPerSecond", Math.round(requests / seconds * 1000) / 1000.0);
        figures.put("failedRequests", failures.values().stream().mapToLong(Long::longValue).sum());
        List<CheckResult> checks = new ArrayList<>();
        latencies.forEach((request, h) -> {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("count", h.getTotalCount());
            l.put("p50", (double) h.getValueAtPercentile(50));
            l.put("p95", (double) h.getValueAtPercentile(95));
            l.put("p99", (double) h.getValueAtPercentile(99));
            l.put("max", (double) h.getMaxValue());
            figures.put(request + "LatencyMs", l);
            Long bound = p99BoundsMs.get(request);
            if (bound != null) {
                long p99 = h.getValueAtPercentile(99);
                checks.add(p99 <= bound ? CheckResult.pass("slo " + request, request + " p99 " + p99 + " ms (objective: at most " + bound + " ms)")
                        : CheckResult.fail("slo " + request, FailureKind.SLO_MISS, request + " p99 " + p99 + " ms, objective at most " + bound + " ms", List.of()));
            }
        });
        long failed = (long) figures.get("failedRequests");
        checks.add(failed == 0 ? CheckResult.pass("availability", "no failed request")
                : CheckResult.fail("availability", FailureKind.UNAVAILABLE, failed + " requests failed", List.of(failures.toString())));
        CheckResult decisive = ScenarioResult.combine(checks);
        ScenarioResult result = new ScenarioResult("gatling:" + name, incidents, "reference-http", decisive.verdict(), decisive.kind(),
                decisive.summary(), 1, Map.of(), Map.of(), checks, figures, List.of(), null, (long) (seconds * 1000), null);
        Path dir = Path.of(System.getProperty("faultline.loadResults", "target/load")).resolve(name);
        ResultJson.write(RunResult.finishedNow("gatling", "gatling-" + name, startedAt, 1, List.of(result)), dir);
    }

    @Override
    public void close() throws Exception {
        Cleanup.unregister(this);
        try {
            service.close();
        } finally {
            try {
                backend.close();
            } finally {
                RunDirectories.delete(runDir);
            }
        }
    }
}

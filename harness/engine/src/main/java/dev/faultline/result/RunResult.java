package dev.faultline.result;

import dev.faultline.check.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole {@code faultline run}: the contract of {@code result.json}, which users' CI scripts read.
 * Fields are only ever added; {@link #FORMAT_VERSION} changes when one changes meaning.
 */
public record RunResult(int formatVersion, String faultlineVersion, String runId, String startedAt,
                        String finishedAt, long seed, Map<String, String> host, Verdict verdict,
                        List<ScenarioResult> results) {

    public static final int FORMAT_VERSION = 1;

    public RunResult {
        host = Map.copyOf(host);
        results = List.copyOf(results);
    }

    /** A run that finishes now, on this machine, its verdict drawn from its results. */
    public static RunResult finishedNow(String faultlineVersion, String runId, String startedAt, long seed, List<ScenarioResult> results) {
        return new RunResult(FORMAT_VERSION, faultlineVersion, runId, startedAt, Instant.now().toString(), seed, thisHost(),
                overall(results), results);
    }

    /** A seed for a run given none: drawn at random, short enough to type back with {@code --seed}. */
    public static long newSeed() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    }

    /** The version in the manifest of the jar {@code from} was loaded from; "development" when run from classes. */
    public static String versionOf(Class<?> from) {
        String v = from.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    /** A run's identifier: the instant it started (digits only) and its seed. */
    public static String runId(String startedAt, long seed) {
        return startedAt.replaceAll("[^0-9TZ]", "") + "-" + seed;
    }

    /** FAIL if any result failed, else UNKNOWN if any was unknown, else PASS (SKIPPED only when all were). */
    public static Verdict overall(List<ScenarioResult> results) {
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.UNKNOWN)) {
            return Verdict.UNKNOWN;
        }
        if (!results.isEmpty() && results.stream().allMatch(r -> r.verdict() == Verdict.SKIPPED)) {
            return Verdict.SKIPPED;
        }
        return Verdict.PASS;
    }

    /** The machine a run happened on, as kept with results and baselines. */
    public static Map<String, String> thisHost() {
        return Map.of(
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "arch", System.getProperty("os.arch"),
                "jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                "cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
}

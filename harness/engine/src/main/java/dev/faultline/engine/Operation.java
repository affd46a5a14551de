package dev.faultline.engine;

import dev.faultline.spi.Outcome;

/**
 * One operation in a history. Times are nanoseconds since the run started; {@code intendedNanos}
 * is when the workload meant to issue it (equal to {@code startNanos} in a closed model, earlier
 * when the operation queued), so latency is measured from it and coordinated omission is avoided.
 *
 * @param outcome null when the operation never answered (the adapter hung or crashed during it)
 */
public record Operation(int instance, Phase phase, OpKind kind, String collection, String key, String value,
                        long intendedNanos, long startNanos, long endNanos, Outcome outcome) {

    public boolean acknowledged() {
        return outcome != null && outcome.isOk();
    }

    public boolean failedLoudly() {
        return outcome != null && outcome.isError();
    }

    /** Latency from the intended start, in nanoseconds. */
    public long latencyNanos() {
        return endNanos - intendedNanos;
    }

    /** A name for evidence lines: a long one (keys may be 200 characters) as its start, end and length. */
    public static String shortName(String name) {
        return name.length() <= 40 ? name : name.substring(0, 16) + "..." + name.substring(name.length() - 8) + " (" + name.length() + " chars)";
    }

    /** A short description for evidence lines. */
    public String describe() {
        StringBuilder b = new StringBuilder("instance ").append(instance).append(' ').append(kind);
        if (collection != null) {
            b.append(' ').append(collection);
            if (key != null) {
                b.append('/').append(shortName(key));
            }
        }
        b.append(String.format(" at %.3fs", startNanos / 1e9)).append(" -> ").append(outcome == null ? "no answer" : outcome);
        return b.toString();
    }
}

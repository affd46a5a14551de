package dev.faultline.fault;

/**
 * One fault that hit an operation: when (nanoseconds since the file system was made), which
 * operation on which path (relative to the root), which rule, and what it did.
 */
public record FaultEvent(long nanos, IoOp op, String path, String rule, String effect) {
    public String describe() {
        return String.format("%.3fs %s %s: %s (%s)", nanos / 1e9, op, path, effect, rule);
    }
}

package dev.faultline.check;

/** What a FAIL verdict found, most severe first. */
public enum FailureKind {
    /** Acknowledged, then unreadable (missing or an older value came back). */
    SILENT_LOSS,
    /** Unreadable or wrong bytes: a torn file, a store that no longer opens, a value never written. */
    CORRUPTION,
    /** The adapter process exited without being asked to. */
    CRASHED,
    /** An operation did not answer within the scenario's limit. */
    HUNG,
    /** Files or collections grew beyond the bound or the declared retention. */
    UNBOUNDED_GROWTH,
    /** Loud failures beyond the share the scenario allows. */
    UNAVAILABLE,
    /** A service-level objective (latency, time to healthy) was missed. */
    SLO_MISS
}

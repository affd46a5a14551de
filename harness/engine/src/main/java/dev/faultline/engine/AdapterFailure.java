package dev.faultline.engine;

import dev.faultline.check.FailureKind;

import java.util.List;

/**
 * An adapter instance that can no longer answer: it hung past the limit or its process exited.
 * Ends the scenario with the matching FAIL kind; the evidence (a thread dump, the tail of the
 * process's stderr) goes into the result.
 */
public final class AdapterFailure extends RuntimeException {
    private final FailureKind kind;
    private final List<String> evidence;

    public AdapterFailure(FailureKind kind, String message, List<String> evidence) {
        super(message);
        if (kind != FailureKind.HUNG && kind != FailureKind.CRASHED) {
            throw new IllegalArgumentException("an adapter failure is HUNG or CRASHED, not " + kind);
        }
        this.kind = kind;
        this.evidence = List.copyOf(evidence);
    }

    public FailureKind kind() {
        return kind;
    }

    public List<String> evidence() {
        return evidence;
    }
}

package dev.faultline.check;

/** Jepsen's verdicts, plus SKIPPED for a scenario that could not apply, with its reason. */
public enum Verdict {
    PASS, FAIL, UNKNOWN, SKIPPED;

    /** Whether a run made only of this verdict lets the build go on (exit status 0). */
    public boolean isAcceptable() {
        return this == PASS || this == SKIPPED;
    }
}

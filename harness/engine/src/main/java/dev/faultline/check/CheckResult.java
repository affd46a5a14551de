package dev.faultline.check;

import java.util.List;
import java.util.Objects;

/**
 * One checker's judgement.
 *
 * @param checker  the checker's name
 * @param verdict  PASS, FAIL, UNKNOWN or SKIPPED
 * @param kind     what failed, only with FAIL
 * @param summary  one line a person reads first
 * @param evidence what shows it (keys, instances, first bytes of a file), at most {@link #MAX_EVIDENCE} lines
 */
public record CheckResult(String checker, Verdict verdict, FailureKind kind, String summary, List<String> evidence) {

    public static final int MAX_EVIDENCE = 50;

    public CheckResult {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(verdict, "verdict");
        if ((verdict == Verdict.FAIL) != (kind != null)) {
            throw new IllegalArgumentException("a kind goes with FAIL and only with FAIL: " + verdict + "/" + kind);
        }
        evidence = List.copyOf(evidence.size() > MAX_EVIDENCE
                ? withCut(evidence)
                : evidence);
    }

    private static List<String> withCut(List<String> evidence) {
        var kept = new java.util.ArrayList<>(evidence.subList(0, MAX_EVIDENCE - 1));
        kept.add("... and " + (evidence.size() - MAX_EVIDENCE + 1) + " more");
        return kept;
    }

    /** The same judgement under another checker name (one check made twice in a scenario). */
    public CheckResult withChecker(String name) {
        return new CheckResult(name, verdict, kind, summary, evidence);
    }

    public static CheckResult pass(String checker, String summary) {
        return new CheckResult(checker, Verdict.PASS, null, summary, List.of());
    }

    public static CheckResult fail(String checker, FailureKind kind, String summary, List<String> evidence) {
        return new CheckResult(checker, Verdict.FAIL, kind, summary, evidence);
    }

    public static CheckResult skipped(String checker, String reason) {
        return new CheckResult(checker, Verdict.SKIPPED, null, reason, List.of());
    }

    public static CheckResult unknown(String checker, String reason) {
        return new CheckResult(checker, Verdict.UNKNOWN, null, reason, List.of());
    }
}

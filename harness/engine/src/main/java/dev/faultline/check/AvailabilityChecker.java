package dev.faultline.check;

import dev.faultline.engine.Operation;

import java.util.List;

/**
 * Loud failures are allowed under a fault, up to a share of the workload's operations; beyond it
 * the store is UNAVAILABLE. Without a fault the allowed share is usually 0.
 */
public final class AvailabilityChecker implements Checker {
    public static final String NAME = "availability";
    private final double allowedShare;

    public AvailabilityChecker(double allowedShare) {
        this.allowedShare = allowedShare;
    }

    @Override
    public CheckResult check(CheckInput input) {
        List<Operation> ops = input.history().workload();
        List<Operation> failed = ops.stream().filter(Operation::failedLoudly).toList();
        double share = ops.isEmpty() ? 0 : (double) failed.size() / ops.size();
        String figures = String.format("%d of %d operations failed loudly (%.2f%%, allowed %.2f%%)",
                failed.size(), ops.size(), share * 100, allowedShare * 100);
        if (share > allowedShare) {
            return CheckResult.fail(NAME, FailureKind.UNAVAILABLE, figures, failed.stream().map(Operation::describe).toList());
        }
        return CheckResult.pass(NAME, figures);
    }
}

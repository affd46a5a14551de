package dev.faultline.scenarios;

import dev.faultline.check.CheckResult;
import dev.faultline.check.FailureKind;
import dev.faultline.engine.Instance;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.RunContext;
import dev.faultline.spi.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Written to one place, read from another (incident 003): every write acknowledged so far in the
 * collection must be readable through {@code reader}, another instance, within {@code boundMillis}.
 */
final class Visibility {
    private Visibility() {
    }

    static CheckResult check(RunContext ctx, Instance reader, String collection, long boundMillis) throws InterruptedException {
        return check(ctx, reader, collection, boundMillis, FailureKind.SILENT_LOSS);
    }

    /** @param kind what a miss is: SILENT_LOSS where the events should be there already, SLO_MISS where late is the fault */
    static CheckResult check(RunContext ctx, Instance reader, String collection, long boundMillis, FailureKind kind)
            throws InterruptedException {
        Set<String> expected = new LinkedHashSet<>();
        ctx.history().workload().stream()
                .filter(o -> o.kind() == OpKind.PUT && o.acknowledged() && o.collection().equals(collection))
                .forEach(o -> expected.add(o.key()));
        ctx.progress("instance " + reader.number() + " lists " + expected.size() + " acknowledged writes");
        // One list per poll, not a get per key: a poll must take far less than the bound, or a slow
        // reader would give a slow store the time it needs and the check could not fail.
        long deadline = System.nanoTime() + boundMillis * 1_000_000;
        List<String> missing = new ArrayList<>(expected);
        while (true) {
            long pollStarted = System.nanoTime();
            Outcome listed = reader.list(collection);
            if (listed.isOk() && pollStarted <= deadline) {
                missing.removeAll(new java.util.HashSet<>(listed.keyList()));
            }
            if (missing.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(50);
        }
        return missing.isEmpty()
                ? CheckResult.pass("visibility", expected.size() + " acknowledged writes visible to instance " + reader.number())
                : CheckResult.fail("visibility", kind, missing.size() + " of " + expected.size()
                        + " acknowledged writes not visible to instance " + reader.number() + " within " + boundMillis + " ms",
                        missing.stream().map(k -> collection + "/" + k).toList());
    }
}

package dev.faultline.scenarios;

import dev.faultline.check.CheckResult;
import dev.faultline.check.FailureKind;
import dev.faultline.engine.Instance;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.RunContext;

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
        Set<String> expected = new LinkedHashSet<>();
        ctx.history().workload().stream()
                .filter(o -> o.kind() == OpKind.PUT && o.acknowledged() && o.collection().equals(collection))
                .forEach(o -> expected.add(o.key()));
        ctx.progress("instance " + reader.number() + " reads " + expected.size() + " acknowledged writes");
        long deadline = System.nanoTime() + boundMillis * 1_000_000;
        List<String> missing = new ArrayList<>(expected);
        while (true) {
            missing.removeIf(key -> reader.get(collection, key).isOk());
            if (missing.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            Thread.sleep(50);
        }
        return missing.isEmpty()
                ? CheckResult.pass("visibility", expected.size() + " acknowledged writes visible to instance " + reader.number())
                : CheckResult.fail("visibility", FailureKind.SILENT_LOSS, missing.size() + " of " + expected.size()
                        + " acknowledged writes not visible to instance " + reader.number() + " " + boundMillis + " ms after flush",
                        missing.stream().map(k -> collection + "/" + k).toList());
    }
}

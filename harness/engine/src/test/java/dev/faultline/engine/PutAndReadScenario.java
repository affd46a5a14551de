package dev.faultline.engine;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.AvailabilityChecker;
import dev.faultline.check.Checker;

import java.util.List;

/** A minimal scenario for engine tests: one instance puts {@code keys} keys, reads one, flushes. */
public final class PutAndReadScenario implements Scenario {
    @Override
    public String name() {
        return "put-and-read";
    }

    @Override
    public List<String> incidents() {
        return List.of();
    }

    @Override
    public String summary() {
        return "test scenario";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("keys", 20, 1, 100_000, "keys to put"));
    }

    @Override
    public void run(RunContext ctx) {
        Instance i = ctx.open(0);
        var random = ctx.random(0);
        for (int k = 0; k < ctx.parameters().intValue("keys"); k++) {
            i.put("c", "k" + k, RunContext.value(random, 64));
        }
        i.get("c", "k0");
        i.flush();
    }

    @Override
    public List<Checker> checkers(Parameters parameters) {
        return List.of(new AcknowledgedWritesChecker(), new AvailabilityChecker(0));
    }
}

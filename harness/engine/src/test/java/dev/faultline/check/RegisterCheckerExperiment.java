package dev.faultline.check;

import dev.faultline.engine.FinalState;
import dev.faultline.engine.History;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.Operation;
import dev.faultline.engine.Phase;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17's checker figure, not part of the build: a 1,000,000-operation history (4 instances,
 * 1,000 keys, overlapping operations) of a correct store, checked by {@link RegisterChecker};
 * 3 runs, operations checked per second printed and written to target/register-checker.txt.
 *
 * <pre>./mvnw -pl harness test -Dtest=RegisterCheckerExperiment -Dfaultline.experiment.checker=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@EnabledIfSystemProperty(named = "faultline.experiment.checker", matches = "true")
class RegisterCheckerExperiment {

    /** A correct store's history: each operation takes effect at the midpoint of its interval, intervals of 4 instances overlap. */
    static History history(int operations, int keys, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        History history = new History();
        Map<String, String> store = new HashMap<>();
        long[] clock = new long[4];
        for (int n = 0; n < operations; n++) {
            int instance = n % 4;
            long start = Math.max(clock[instance], n * 100L - 150);
            long end = n * 100L + 50 + random.nextInt(100); // takes effect at n*100, inside [start, end]
            clock[instance] = end + 1;
            String key = "k" + random.nextInt(keys);
            int roll = random.nextInt(100);
            Operation op;
            if (roll < 45) {
                String value = "v" + n;
                store.put(key, value);
                op = new Operation(instance, Phase.WORKLOAD, OpKind.PUT, "c", key, value, start, start, end, Outcome.ok());
            } else if (roll < 90) {
                String value = store.get(key);
                op = new Operation(instance, Phase.WORKLOAD, OpKind.GET, "c", key, null, start, start, end,
                        value == null ? Outcome.notFound() : Outcome.found(value));
            } else if (roll < 95) {
                store.remove(key);
                op = new Operation(instance, Phase.WORKLOAD, OpKind.DELETE, "c", key, null, start, start, end, Outcome.ok());
            } else {
                op = new Operation(instance, Phase.WORKLOAD, OpKind.FLUSH, null, null, null, start, start, end, Outcome.ok());
            }
            history.record(op);
        }
        return history;
    }

    @Test
    void aMillionOperations() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int run = 1; run <= 3; run++) {
            History h = history(1_000_000, 1_000, run);
            CheckInput input = new CheckInput(h, new FinalState(Map.of(), Health.ok(), null, List.of()),
                    new Capabilities(Durability.PUT, true, java.util.OptionalInt.empty()));
            long start = System.nanoTime();
            CheckResult r = new RegisterChecker().check(input);
            double seconds = (System.nanoTime() - start) / 1e9;
            String line = String.format("run %d: 1,000,000 operations over 1,000 keys checked in %.2f s (%,.0f operations/s): %s%n",
                    run, seconds, 1e6 / seconds, r.summary());
            System.out.print(line);
            lines.append(line);
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "register-checker.txt"), lines);
    }
}

package dev.faultline.scenarios;

import dev.faultline.check.Checker;
import dev.faultline.engine.History;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Shrinkable;

import java.util.List;
import java.util.Map;

/**
 * A building block of composed scenarios: what the clients do (Jepsen's generator and client),
 * with no fault of its own. The same workload runs in the control run, on a store of its own,
 * and in the faulted run; a {@link FaultSchedule} counts its steps to place the faults.
 */
public interface Workload {

    /** Every workload a scenario file can name. */
    static List<Workload> all() {
        return List.of(new MultiWriterWorkload(), new GeneratedHistoryWorkload());
    }

    /** The name a scenario file gives as {@code workload:}. */
    String name();

    String summary();

    /** Its parameters, which the composed scenario takes as its own. */
    List<ParameterSpec> parameters();

    /**
     * Smaller versions of a failing run, the most reducing first (see {@link Shrinkable}); none
     * by default.
     */
    default List<Map<String, String>> smaller(Parameters p) {
        return List.of();
    }

    /** Runs the workload through the session's instances; every operation is recorded in their history. */
    void run(Session session) throws Exception;

    /**
     * What judges it: {@code faulted} when a fault schedule ran, so loud failures are the right
     * answer and availability is not judged.
     */
    List<Checker> checkers(Parameters p, boolean faulted);

    /**
     * One run of a workload: the context, how instances are opened (on the run's root, or on a
     * store of its own for the control run), the fault schedule to step, and a prefix for figures.
     */
    interface Session {
        RunContext context();

        /** Where this run's operations are recorded. */
        History history();

        /** Instance {@code number} (0 is opened first, and fixes the declared capabilities). */
        Instance open(int number);

        /** How many {@link #step()}s the workload will take (say it before the first), to place faults by share. */
        void plan(long steps);

        /** One step of the workload about to be taken: the schedule may start or heal a fault now. */
        void step();

        /** The figure name for a phase, distinct for the control run. */
        String figure(String name);

        default Parameters parameters() {
            return context().parameters();
        }
    }
}

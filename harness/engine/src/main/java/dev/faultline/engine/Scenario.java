package dev.faultline.engine;

import dev.faultline.check.Checker;

import java.time.Duration;
import java.util.List;

/**
 * Workload, faults and checkers for one incident. Implementations are found by
 * {@link java.util.ServiceLoader}; register them in {@code META-INF/services/dev.faultline.engine.Scenario}.
 */
public interface Scenario {

    /** The CLI name, e.g. {@code multi-writer}. */
    String name();

    /** The incident report(s) the scenario encodes, by file name under {@code shared/incidents/}. */
    List<String> incidents();

    /** One line: what it does to the store and what it checks. */
    String summary();

    /** The scenario's own parameters; every scenario also takes {@link Budget#PARAMETER}. */
    List<ParameterSpec> parameters();

    /**
     * The default of {@link Budget#PARAMETER}: long enough for a correct store at the scenario's
     * default sizes on a busy 2-core machine, short enough that a nightly run ends.
     */
    default Duration defaultBudget() {
        return Duration.ofMinutes(3);
    }

    /**
     * Whether the scenario is many independent trials that {@code --shard} may split (each shard
     * runs it and takes every N-th trial, {@link RunContext#shard()}) instead of dealing it whole
     * to one shard.
     */
    default boolean splitsTrials() {
        return false;
    }

    /**
     * Runs the workload (and faults) through the context. Throws {@link ScenarioSkipped} when it
     * cannot apply to the adapter or the platform.
     */
    void run(RunContext context) throws Exception;

    /** The checkers that judge the history and the final state. */
    List<Checker> checkers(Parameters parameters);
}

package dev.faultline.scenarios;

import dev.faultline.check.Checker;
import dev.faultline.engine.Budget;
import dev.faultline.engine.History;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;
import dev.faultline.engine.Shrinkable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A scenario made of building blocks (Jepsen's split): a {@link Workload}, faults started and
 * healed by a {@link FaultSchedule} while it runs, and the workload's checkers. With faults, a
 * control run comes first: the same workload and seed on a store of its own without them; a
 * violation there is the workload's, reported as such, and the faulted run is not tried. The
 * incident scenarios {@code multi-writer} and {@code generated-history} are presets of it (a
 * workload, no fault); scenario files ({@link ScenarioFile}) describe new ones.
 */
public class ComposedScenario implements Scenario, Shrinkable {
    /** A composition: its name and what it encodes, the workload with its own defaults, the faults. */
    record Definition(String name, String summary, List<String> incidents, Workload workload, Map<String, String> defaults,
                      List<FaultSchedule.Entry> faults, boolean control) {
        Definition {
            incidents = List.copyOf(incidents);
            defaults = Map.copyOf(defaults);
            faults = List.copyOf(faults);
        }
    }

    private final Definition definition;

    ComposedScenario(Definition definition) {
        this.definition = definition;
    }

    /** A preset of one workload and no fault: an incident scenario that is nothing more. */
    ComposedScenario(String name, String summary, List<String> incidents, Workload workload) {
        this(new Definition(name, summary, incidents, workload, Map.of(), List.of(), false));
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public List<String> incidents() {
        return definition.incidents();
    }

    @Override
    public String summary() {
        return definition.summary();
    }

    /** How it is composed, for {@code faultline list}: the workload, then each fault with its share of the workload. */
    public String composition() {
        String workload = "workload " + definition.workload().name();
        return definition.faults().isEmpty() ? workload + ", no fault"
                : workload + "; " + definition.faults().stream().map(FaultSchedule.Entry::describe).collect(Collectors.joining("; "))
                + (definition.control() ? "; control run first" : "");
    }

    /** The workload's parameters, with the composition's own defaults. */
    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>();
        for (ParameterSpec s : definition.workload().parameters()) {
            String d = definition.defaults().get(s.name());
            specs.add(d == null ? s : new ParameterSpec(s.name(), d, s.description(), s.parser()));
        }
        return specs;
    }

    @Override
    public Duration defaultBudget() {
        String seconds = definition.defaults().get(Budget.PARAMETER);
        return seconds == null ? Scenario.super.defaultBudget() : Duration.ofSeconds(Long.parseLong(seconds.trim()));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        boolean faulted = !definition.faults().isEmpty();
        FaultSchedule schedule = faulted ? FaultSchedule.prepare(ctx, definition.faults()) : FaultSchedule.NONE;
        Instance first = ctx.open(0); // fixes the declared capabilities, which the control run's workload reads too
        if (faulted && definition.control() && !control(ctx)) {
            return;
        }
        try {
            definition.workload().run(new Session(ctx, schedule, "", ctx.history()) {
                @Override
                public Instance open(int number) {
                    return number == 0 ? first : ctx.open(number);
                }
            });
        } finally {
            schedule.healAll();
        }
    }

    /** The workload alone, on a store of its own, judged by its checkers as if no fault was planned. */
    private boolean control(RunContext ctx) throws Exception {
        String faults = definition.faults().stream().map(e -> e.fault().name()).collect(Collectors.joining(" and "));
        return Reopened.control(ctx, "fault" + (definition.faults().size() > 1 ? "s" : ""),
                "in the workload itself (its writers, its reads), not from " + faults,
                definition.workload().checkers(ctx.parameters(), false), (root, history) -> {
                    List<Instance> opened = new ArrayList<>();
                    definition.workload().run(new Session(ctx, FaultSchedule.NONE, "control.", history) {
                        @Override
                        public Instance open(int number) {
                            Instance i = ctx.openDetached(root, history, number);
                            opened.add(i);
                            return i;
                        }
                    });
                    return opened;
                });
    }

    /** The workload's smaller versions; the faults keep their shares of it. */
    @Override
    public List<Map<String, String>> smaller(Parameters current) {
        return definition.workload().smaller(current);
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return definition.workload().checkers(p, !definition.faults().isEmpty());
    }

    /** One run of the workload: its instances, the schedule it steps, its figures' prefix. */
    private abstract static class Session implements Workload.Session {
        private final RunContext ctx;
        private final FaultSchedule schedule;
        private final String figurePrefix;
        private final History history;

        Session(RunContext ctx, FaultSchedule schedule, String figurePrefix, History history) {
            this.ctx = ctx;
            this.schedule = schedule;
            this.figurePrefix = figurePrefix;
            this.history = history;
        }

        @Override
        public History history() {
            return history;
        }

        @Override
        public RunContext context() {
            return ctx;
        }

        @Override
        public void plan(long steps) {
            schedule.plan(steps);
        }

        @Override
        public void step() {
            schedule.step();
        }

        @Override
        public String figure(String name) {
            return figurePrefix + name;
        }
    }
}

package dev.faultline.scenarios;

import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * When each fault of a composed scenario starts and heals, by share of the workload's steps
 * (0.3 = once 30% of its steps were taken). The workload's own threads take the steps, so with
 * one writer the faults land on the same operations on every replay of a seed; with several, on
 * about the same share. Every start and heal is written into the history.
 */
final class FaultSchedule {
    /** One fault of a composition: active from one share of the workload's steps until another (1: to the end). */
    record Entry(Fault fault, Parameters settings, double from, double until) {
        Entry {
            if (!(from >= 0 && from < until && until <= 1)) {
                throw new IllegalArgumentException("from and until must satisfy 0 <= from < until <= 1, not " + from + " and " + until);
            }
        }

        String describe() {
            return fault.name() + " from " + percent(from) + " to " + percent(until) + " of the workload"
                    + (settings.asText().isEmpty() ? "" : " " + settings.asText());
        }

        private static String percent(double share) {
            return Math.round(share * 100) + "%";
        }
    }

    /** No fault: the control run's schedule. */
    static final FaultSchedule NONE = new FaultSchedule(null, List.of(), List.of());

    private enum State { PENDING, ACTIVE, HEALED }

    private final RunContext ctx;
    private final List<Entry> entries;
    private final List<Fault.Injection> injections;
    private final State[] states;
    private long planned = -1;
    private long steps;

    private FaultSchedule(RunContext ctx, List<Entry> entries, List<Fault.Injection> injections) {
        this.ctx = ctx;
        this.entries = entries;
        this.injections = injections;
        this.states = new State[entries.size()];
        java.util.Arrays.fill(states, State.PENDING);
    }

    /** Gets every fault ready; call before the first instance opens. */
    static FaultSchedule prepare(RunContext ctx, List<Entry> entries) throws IOException {
        List<Fault.Injection> injections = new ArrayList<>();
        for (Entry e : entries) {
            injections.add(e.fault().prepare(ctx, e.settings()));
        }
        return new FaultSchedule(ctx, entries, injections);
    }

    synchronized void plan(long total) {
        if (entries.isEmpty()) {
            return; // NONE is shared: it keeps no state
        }
        planned = total;
    }

    /** A step about to be taken: starts and heals what is due. */
    synchronized void step() {
        if (planned < 0) {
            return;
        }
        steps++;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (states[i] == State.PENDING && steps > e.from() * planned) {
                states[i] = State.ACTIVE;
                note("started " + e.fault().name() + " at step " + steps + " of " + planned + ": " + run(injections.get(i)::start));
            }
            if (states[i] == State.ACTIVE && e.until() < 1 && steps > e.until() * planned) {
                heal(i);
            }
        }
    }

    /** Heals whatever is still active: the workload is over. */
    synchronized void healAll() {
        for (int i = 0; i < entries.size(); i++) {
            if (states[i] == State.ACTIVE) {
                heal(i);
            }
        }
    }

    private void heal(int i) {
        states[i] = State.HEALED;
        Fault.Injection injection = injections.get(i);
        run(() -> {
            injection.heal();
            return null;
        });
        note("healed " + entries.get(i).fault().name() + " at step " + steps + " of " + planned);
    }

    private void note(String what) {
        ctx.history().recordFault(what);
        ctx.progress(what);
    }

    private interface IoAction {
        String run() throws IOException;
    }

    private static String run(IoAction action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the fault schedule could not act: " + e.getMessage(), e);
        }
    }
}

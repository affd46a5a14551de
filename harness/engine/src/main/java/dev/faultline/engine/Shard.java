package dev.faultline.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard K/N}: the K-th of N shares of a run, so that N runners given the same arguments
 * together do everything once. Scenarios are dealt in name order, whatever order they were named
 * in; a scenario whose trials are many and independent ({@link Scenario#splitsTrials()}: an io-error
 * sweep's injection points, a crash exploration's states) runs in every shard, each taking every
 * N-th trial. Results are comparable across shards only on like runners.
 */
public record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})/(\\d{1,4})");
    public static final Shard WHOLE = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new BadInputException("--shard " + index + "/" + count + ": K must be 1 to N, and N at least 1");
        }
    }

    /** {@code K/N}, or {@link #WHOLE} for null. */
    public static Shard parse(String text) {
        if (text == null) {
            return WHOLE;
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new BadInputException("--shard '" + BadInputException.echo(text) + "' is not K/N (for example 2/3)");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean isWhole() {
        return count == 1;
    }

    /** This shard's scenarios, in the order they were chosen: its deal of the others, and every one that splits its trials. */
    public List<Scenario> of(List<Scenario> chosen) {
        List<String> dealt = chosen.stream().filter(s -> !s.splitsTrials()).map(Scenario::name).sorted(Comparator.naturalOrder()).toList();
        List<Scenario> mine = new ArrayList<>();
        for (Scenario s : chosen) {
            if (s.splitsTrials() || dealt.indexOf(s.name()) % count == index - 1) {
                mine.add(s);
            }
        }
        return List.copyOf(mine);
    }

    /** Whether trial number {@code trial} (from 0 or 1, as the scenario counts) is this shard's. */
    public boolean takes(long trial) {
        return Math.floorMod(trial, count) == index - 1;
    }

    /** For a result's summary: which trials this shard took, e.g. "shard 2/3: one point in 3"; empty when whole. */
    public String describe(String trial) {
        return isWhole() ? "" : "shard " + this + ": one " + trial + " in " + count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

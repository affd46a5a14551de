package dev.faultline.cli;

import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard K/N}: the K-th of N shares of the chosen scenarios, dealt in name order, so that
 * N runners given the same scenarios run each exactly once whatever order they were named in.
 * Results are comparable across shards only on like runners.
 */
record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})/(\\d{1,4})");
    static final Shard WHOLE = new Shard(1, 1);

    static Shard parse(String text) {
        if (text == null) {
            return WHOLE;
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new BadInputException("--shard '" + BadInputException.echo(text) + "' is not K/N (for example 2/3)");
        }
        int k = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || k < 1 || k > n) {
            throw new BadInputException("--shard " + text + ": K must be 1 to N, and N at least 1");
        }
        return new Shard(k, n);
    }

    /** This shard's scenarios, in the order they were chosen. */
    List<Scenario> of(List<Scenario> chosen) {
        List<String> byName = chosen.stream().map(Scenario::name).sorted(Comparator.naturalOrder()).toList();
        List<Scenario> mine = new ArrayList<>();
        for (Scenario s : chosen) {
            if (byName.indexOf(s.name()) % count == index - 1) {
                mine.add(s);
            }
        }
        return List.copyOf(mine);
    }
}

package dev.faultline.scenarios;

import dev.faultline.load.LoadModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups of bursts: {@code "150;100x3"} is one burst of 150, a pause, then three bursts of 100
 * back to back (incident 004's write-storm test). Groups are separated by ';', bursts in a group
 * by ',', and {@code NxM} is M bursts of N.
 */
record BurstPlan(List<List<Integer>> groups) {

    static BurstPlan parse(String text) {
        List<List<Integer>> groups = new ArrayList<>();
        for (String group : text.split(";")) {
            List<Integer> bursts = new ArrayList<>();
            for (String part : group.split(",")) {
                String[] nm = part.trim().split("x");
                if (nm.length > 2 || nm[0].isBlank()) {
                    throw new IllegalArgumentException("'" + part.trim() + "' is not N or NxM");
                }
                int size = positive(nm[0]);
                int times = nm.length == 2 ? positive(nm[1]) : 1;
                for (int i = 0; i < times; i++) {
                    bursts.add(size);
                }
            }
            groups.add(List.copyOf(bursts));
        }
        return new BurstPlan(List.copyOf(groups));
    }

    private static int positive(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 1 || n > 1_000_000) {
                throw new IllegalArgumentException(n + " is outside 1..1000000");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.trim() + "' is not a whole number");
        }
    }

    /**
     * The plan as the load engine's schedule: a group's bursts {@code gapMillis} apart, the next
     * group {@code pauseMillis} after the last release, the first at the start.
     */
    LoadModel.Bursts schedule(long pauseMillis, long gapMillis, int workers) {
        List<LoadModel.Bursts.Burst> bursts = new ArrayList<>();
        long at = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (int b = 0; b < groups.get(g).size(); b++) {
                if (!bursts.isEmpty()) {
                    at += b == 0 ? pauseMillis : gapMillis;
                }
                bursts.add(new LoadModel.Bursts.Burst(Duration.ofMillis(at), groups.get(g).get(b)));
            }
        }
        return new LoadModel.Bursts(bursts, workers);
    }
}

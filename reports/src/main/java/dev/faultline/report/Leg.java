package dev.faultline.report;

import dev.faultline.result.RunResult;

import java.util.Locale;

/**
 * One run of the matrix: a machine's result (an OS and JDK leg of a nightly run), labelled by
 * where it ran, e.g. {@code Linux / java 17}.
 */
public record Leg(String label, RunResult run) {

    public static Leg of(RunResult run) {
        String os = run.host().getOrDefault("os", "?").split(" ")[0];
        String jdk = run.host().getOrDefault("jdk", "");
        String version = jdk.substring(jdk.lastIndexOf(' ') + 1);
        String major = version.startsWith("1.") ? version.substring(2, 3) : version.split("[.+-]")[0];
        return new Leg(os + (major.isEmpty() ? "" : " / java " + major), run);
    }

    /** A label safe in file names and XML ids: {@code linux-java-17}. */
    public String slug() {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}

package dev.faultline.gatling;

import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Gatling feeders of events: numbered ids and seeded payloads, so a run can be repeated exactly. */
final class Events {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:".toCharArray();

    private Events() {
    }

    /** {@code eventId} (prefix-N) and {@code payload} ({@code bytes} characters, JSON-safe) for each virtual user. */
    static Iterator<Map<String, Object>> feeder(String prefix, int bytes, long seed) {
        AtomicLong next = new AtomicLong();
        SplittableRandom random = new SplittableRandom(seed);
        return Stream.generate(() -> {
            char[] payload = new char[bytes];
            synchronized (random) {
                for (int i = 0; i < bytes; i++) {
                    payload[i] = ALPHABET[random.nextInt(ALPHABET.length)];
                }
            }
            return Map.<String, Object>of("eventId", prefix + "-" + next.getAndIncrement(), "payload", new String(payload));
        }).iterator();
    }
}

package dev.faultline.scenarios;

import dev.faultline.spi.Capabilities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keys that real stores trip over, within what protocol v1 allows (letters, digits, '.', '_',
 * '-', 1 to 200): names that differ only in case (one file on Windows and macOS), dots where a
 * file system gives them meaning ({@code .}, {@code ..}, a leading dot, a trailing one), names
 * Windows reserves ({@code CON}, {@code aux}, {@code nul}, {@code COM1}), the longest name, and
 * a leading '-' (an option to a shell tool). Plus plain keys, so that most traffic is ordinary.
 */
final class KeyVocabulary {
    static final List<String> TRICKY = List.of(
            "key", "Key", "KEY", "kEy",
            ".", "..", ".hidden", "trailing.", "a.b", "a_b", "a-b",
            "CON", "con", "aux", "nul", "COM1", "LPT1",
            "-rf", "_", "0",
            "k".repeat(200), "K".repeat(199) + "k");

    private KeyVocabulary() {
    }

    /**
     * The tricky keys (when asked for) and {@code plain} ordinary ones, as far as the store
     * declared it takes them: only lower-case spellings where it declared keys case-insensitive
     * (one spelling of each, and the one a store that folds names keeps), none longer than its
     * longest.
     */
    static List<String> keys(boolean tricky, int plain, Capabilities caps) {
        List<String> keys = new ArrayList<>();
        for (String k : tricky ? TRICKY : List.<String>of()) {
            if (k.length() <= caps.maxKeyLength() && (!caps.caseInsensitiveKeys() || k.equals(k.toLowerCase(Locale.ROOT)))) {
                keys.add(k);
            }
        }
        for (int i = 0; i < plain; i++) {
            keys.add("k" + i);
        }
        return keys;
    }
}

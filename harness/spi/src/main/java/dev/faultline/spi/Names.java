package dev.faultline.spi;

import java.util.regex.Pattern;

/** The protocol's rule for collection and key names: letters, digits, '-', '_', '.', 1 to 200. */
public final class Names {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    public static String require(String what, String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(what + " must be 1-200 letters, digits, '-', '_' or '.', not '" + name + "'");
        }
        return name;
    }
}

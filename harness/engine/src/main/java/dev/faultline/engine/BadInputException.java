package dev.faultline.engine;

/**
 * Input the harness cannot use: an unknown scenario, adapter or parameter, a malformed value, an
 * adapter that breaks the protocol. The message is one line naming what is wrong; the CLI prints
 * it and exits with status 2.
 */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(oneLine(message));
    }

    public BadInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** How much of one piece of input a message echoes. */
    static final int ECHOED = 80;

    /**
     * A piece of the user's input as a message echoes it: at most {@value #ECHOED} characters, so
     * a 100,000-character argument makes a one-line message still.
     */
    public static String echo(String input) {
        return input.length() <= ECHOED ? input
                : input.substring(0, ECHOED) + "... (" + input.length() + " characters)";
    }

    /** Line breaks and other control characters from the input (a YAML key, a value) shown escaped. */
    static String oneLine(String message) {
        StringBuilder b = new StringBuilder(message.length());
        for (char c : message.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}

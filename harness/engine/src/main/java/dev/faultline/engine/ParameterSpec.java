package dev.faultline.engine;

import java.util.function.Function;

/**
 * A documented scenario parameter with its default. The parser both validates and converts a
 * value; it throws {@link IllegalArgumentException} with a short reason for a bad one.
 */
public record ParameterSpec(String name, String defaultValue, String description, Function<String, ?> parser) {

    public static ParameterSpec integer(String name, long defaultValue, long min, long max, String description) {
        return new ParameterSpec(name, Long.toString(defaultValue), description, text -> {
            long v;
            try {
                v = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + BadInputException.echo(text) + "' is not a whole number");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(v + " is outside " + min + ".." + max);
            }
            return v;
        });
    }

    public static ParameterSpec decimal(String name, double defaultValue, double min, double max, String description) {
        return new ParameterSpec(name, Double.toString(defaultValue), description, text -> {
            double v;
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + BadInputException.echo(text) + "' is not a number");
            }
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException(BadInputException.echo(text) + " is outside " + min + ".." + max);
            }
            return v;
        });
    }

    public static ParameterSpec bool(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, Boolean.toString(defaultValue), description, text -> {
            String t = text.trim();
            if (!t.equals("true") && !t.equals("false")) {
                throw new IllegalArgumentException("'" + BadInputException.echo(text) + "' is not true or false");
            }
            return Boolean.parseBoolean(t);
        });
    }

    /** Parses a value, naming the scenario and parameter in the error. */
    Object parse(String scenario, String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("parameter " + name + " of scenario " + scenario + ": " + e.getMessage());
        }
    }
}

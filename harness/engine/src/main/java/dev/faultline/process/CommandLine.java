package dev.faultline.process;

import dev.faultline.engine.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an adapter command into arguments the way a POSIX shell would quote them (single quotes,
 * double quotes, backslash), without a shell: nothing in it is expanded or interpreted.
 */
public final class CommandLine {
    private CommandLine() {
    }

    public static List<String> split(String command) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArg = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                    current.append(command.charAt(++i));
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inArg = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                current.append(command.charAt(++i));
                inArg = true;
            } else if (Character.isWhitespace(c)) {
                if (inArg) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArg = false;
                }
            } else {
                current.append(c);
                inArg = true;
            }
        }
        if (quote != 0) {
            throw new BadInputException("adapter command has an unclosed " + quote + " quote: " + command);
        }
        if (inArg) {
            args.add(current.toString());
        }
        if (args.isEmpty()) {
            throw new BadInputException("adapter command is empty");
        }
        return args;
    }
}

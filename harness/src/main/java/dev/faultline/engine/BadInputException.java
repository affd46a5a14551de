package dev.faultline.engine;

/**
 * Input the harness cannot use: an unknown scenario, adapter or parameter, a malformed value, an
 * adapter that breaks the protocol. The message is one line naming what is wrong; the CLI prints
 * it and exits with status 2.
 */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

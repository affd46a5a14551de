package dev.faultline.spi;

import java.util.List;
import java.util.Objects;

/**
 * The result of one operation, in the YCSB style: a status and what came with it, never a bare
 * boolean. An {@link Status#ERROR} is a loud failure; its text should start with the errno name
 * where there is one ({@code ENOSPC: ...}).
 */
public final class Outcome {

    public enum Status { OK, NOT_FOUND, ERROR }

    private static final Outcome OK = new Outcome(Status.OK, null, null, null);
    private static final Outcome NOT_FOUND = new Outcome(Status.NOT_FOUND, null, null, null);

    private final Status status;
    private final String value;
    private final List<String> keys;
    private final String error;

    private Outcome(Status status, String value, List<String> keys, String error) {
        this.status = status;
        this.value = value;
        this.keys = keys;
        this.error = error;
    }

    public static Outcome ok() {
        return OK;
    }

    public static Outcome found(String value) {
        return new Outcome(Status.OK, Objects.requireNonNull(value, "value"), null, null);
    }

    public static Outcome notFound() {
        return NOT_FOUND;
    }

    public static Outcome keys(List<String> keys) {
        return new Outcome(Status.OK, null, List.copyOf(keys), null);
    }

    public static Outcome error(String error) {
        return new Outcome(Status.ERROR, null, null, Objects.requireNonNull(error, "error"));
    }

    /** An error whose text names the exception, errno first where the exception carries one. */
    public static Outcome error(Throwable cause) {
        return error(Errors.describe(cause));
    }

    public Status status() {
        return status;
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    public boolean isError() {
        return status == Status.ERROR;
    }

    /** The value read by a successful get, else null. */
    public String value() {
        return value;
    }

    /** The keys of a successful list, else null. */
    public List<String> keyList() {
        return keys;
    }

    /** The error text of a failure, else null. */
    public String error() {
        return error;
    }

    @Override
    public String toString() {
        return switch (status) {
            case OK -> value != null ? "OK(" + value.length() + " chars)" : keys != null ? "OK(" + keys.size() + " keys)" : "OK";
            case NOT_FOUND -> "NOT_FOUND";
            case ERROR -> "ERROR(" + error + ")";
        };
    }
}

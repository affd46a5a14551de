package dev.faultline.fault.net;

/** A request the embedded Toxiproxy refuses, with the HTTP status Toxiproxy would answer. */
final class ApiException extends RuntimeException {
    final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }
}

package dev.faultline.engine;

/** The operations of the adapter SPI, as recorded in a history. */
public enum OpKind {
    OPEN, PUT, GET, DELETE, LIST, FLUSH, HEALTH, CLOSE;

    public boolean isWrite() {
        return this == PUT || this == DELETE;
    }
}

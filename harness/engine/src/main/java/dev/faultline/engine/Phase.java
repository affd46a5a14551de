package dev.faultline.engine;

/** Which part of a run an operation belongs to: the workload, or the engine's read-back. */
public enum Phase {
    WORKLOAD, VERIFY
}

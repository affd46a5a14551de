package dev.faultline.check;

/** Reads a run's history and final state and gives a verdict with evidence. */
@FunctionalInterface
public interface Checker {
    CheckResult check(CheckInput input);
}

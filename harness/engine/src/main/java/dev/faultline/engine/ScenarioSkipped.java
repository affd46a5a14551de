package dev.faultline.engine;

/** Thrown by a scenario that cannot apply here (a capability not declared, a platform feature missing). */
public final class ScenarioSkipped extends RuntimeException {
    public ScenarioSkipped(String reason) {
        super(reason);
    }
}

package dev.faultline.scenarios;

/** {@code cold-start-damaged}: {@link ColdStartScenario} with one collection's file truncated before the restart. */
public final class ColdStartDamagedScenario extends ColdStartScenario {
    public ColdStartDamagedScenario() {
        super(true);
    }
}

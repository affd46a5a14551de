package com.example.store;

import dev.faultline.junit.scenarios.ScenarioTests;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;

/**
 * Faultline's scenarios against this project's store, as ordinary tests: one per scenario, the
 * verdict's reason as the failure, result.json and report.html in target/faultline-tests.
 */
class ChaosTest {
    private static final ScenarioTests SCENARIOS = ScenarioTests.against("example-store")
            .param("writers", "4").param("keysPerWriter", "20").seed(42);

    @TestFactory
    Stream<DynamicTest> catalogue() {
        return SCENARIOS.scenarios("multi-writer", "disk-full", "eperm-rename", "crash-recovery").stream();
    }

    @Test
    void severalWritersLoseNothing() throws Exception {
        assertThat(SCENARIOS.run("multi-writer")).passed().hasNoSilentLoss();
    }
}

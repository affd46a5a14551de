package dev.faultline.scenarios;

import java.util.List;

/**
 * A preset: the {@link GeneratedHistoryWorkload} with no fault. Every read and list is judged
 * against the writes around it, each key a register; after the restart, everything acknowledged
 * durable, every failed batch whole or absent, and disk use within twice the live data (plus
 * slack). Incidents 000 (writers that lose each other's data) and 003 (acknowledged, then gone).
 */
public final class GeneratedHistoryScenario extends ComposedScenario {
    static final String NAME = "generated-history";

    public GeneratedHistoryScenario() {
        super(NAME, "a seeded mix of puts, gets, deletes, lists, flushes and batches from several instances over tricky keys; every read judged as a register",
                List.of("000_dd760f200c178de2", "003_548bb7b6adec85a8"), new GeneratedHistoryWorkload());
    }
}

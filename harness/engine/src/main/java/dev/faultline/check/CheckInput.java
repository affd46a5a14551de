package dev.faultline.check;

import dev.faultline.engine.FinalState;
import dev.faultline.engine.History;
import dev.faultline.spi.Capabilities;

/** What a checker judges: every operation, what a fresh instance read afterwards, and the promise. */
public record CheckInput(History history, FinalState finalState, Capabilities capabilities) {
}

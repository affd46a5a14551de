package dev.faultline.engine;

import java.util.List;
import java.util.Map;

/**
 * A scenario whose failing runs can be made smaller, as jqwik and QuickCheck shrink a failing
 * case: after a FAIL, {@link ScenarioRun} tries its smaller variants at the same seed while one
 * still fails the same way, and reports the smallest with the parameters that replay it.
 */
public interface Shrinkable {

    /**
     * Parameter changes that each make a run at {@code current} smaller, the most reducing
     * first; empty when it is as small as it goes. Each is tried on its own, applied to
     * {@code current}.
     */
    List<Map<String, String>> smaller(Parameters current);
}

package dev.faultline.baseline;

import dev.faultline.check.Verdict;

/**
 * One figure of one scenario against its baseline, with what the gate concluded and why.
 *
 * @param worseBy   the relative change of the medians, positive when worse (slower, less throughput)
 * @param low       the 95% bootstrap interval of {@code worseBy}
 * @param pValue    the one-sided rank test's p-value (NaN in band mode)
 * @param minEffect the smallest change the gate calls a regression: the configured minimum or the
 *                  measured noise floor, whichever is larger
 */
public record Comparison(String scenario, String adapter, String figure, double baseline, double current,
                         double worseBy, double low, double high, double pValue, double minEffect,
                         int baselineSamples, int currentSamples, Verdict verdict, String explanation) {

    public boolean regression() {
        return verdict == Verdict.FAIL;
    }
}

package org.advmusic.experiments.bench;

/**
 * One measured figure with the control loops measured right before and after it.
 *
 * @param name           what was measured, e.g. {@code "forward"}
 * @param unit           e.g. {@code "samples/s"}, {@code "s"}, {@code "GFLOP/s"}, or {@code "x"} for a ratio of two figures
 * @param value          the median over the timed repetitions
 * @param higherIsBetter true for throughputs, false for times and ratios of times
 * @param before         the control right before (null for a ratio of two figures)
 * @param after          the control right after (null for a ratio)
 */
public record Figure(String name, String unit, double value, boolean higherIsBetter, Control before, Control after) {

    /** The value relative to the FMA control (mean of before and after): a throughput divided by it, a time multiplied. */
    public double normalised() {
        if (before == null || after == null) {
            return value;
        }
        double fma = Control.mean(before, after).fmaGflops();
        return higherIsBetter ? value / fma : value * fma;
    }
}

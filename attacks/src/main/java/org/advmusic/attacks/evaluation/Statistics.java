package org.advmusic.attacks.evaluation;

import java.util.Arrays;

/** Summary statistics of a list of values (NaN when empty). */
public record Statistics(int count, double mean, double median, double percentile90, double max) {

    /** Computes count, mean, median, 90th percentile (linear interpolation, as NumPy) and maximum. */
    public static Statistics of(double[] values) {
        if (values.length == 0) {
            return new Statistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Statistics(sorted.length, sum / sorted.length, quantile(sorted, 0.5), quantile(sorted, 0.9),
                sorted[sorted.length - 1]);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** Every value multiplied by {@code factor} (unit conversion, e.g. to dB). */
    public Statistics scaled(double factor) {
        return new Statistics(count, mean * factor, median * factor, percentile90 * factor, max * factor);
    }
}

package org.advmusic.attacks.evaluation;

import java.util.Arrays;

/**
 * Counts of values in equal-width bins over {@code [low, high]}; a value outside falls into the
 * first or last bin, non-finite values are left out (and counted in {@code skipped}).
 *
 * @param edges   (bins + 1) bin edges, increasing
 * @param counts  (bins) values per bin
 * @param skipped non-finite values left out
 */
public record Histogram(double[] edges, long[] counts, int skipped) {

    /**
     * @throws IllegalArgumentException when {@code bins < 1} or the range is empty
     */
    public static Histogram of(double[] values, int bins, double low, double high) {
        if (bins < 1 || !(high > low) || Double.isInfinite(high - low)) {
            throw new IllegalArgumentException("histogram: " + bins + " bins over [" + low + ", " + high
                    + "]; expected at least one bin over a finite, non-empty range");
        }
        double width = (high - low) / bins;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = low + b * width;
        }
        long[] counts = new long[bins];
        int skipped = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                skipped++;
                continue;
            }
            counts[Math.max(0, Math.min(bins - 1, (int) Math.floor((v - low) / width)))]++;
        }
        return new Histogram(edges, counts, skipped);
    }

    /** Bins symmetric around 0 spanning the largest finite magnitude (a single bin around 0 when all are 0). */
    public static Histogram centred(double[] values, int bins) {
        double largest = Arrays.stream(values).filter(Double::isFinite).map(Math::abs).max().orElse(0);
        double half = largest > 0 ? largest : 1e-12;
        return of(values, bins, -half, half);
    }

    /** The number of binned values. */
    public long total() {
        return Arrays.stream(counts).sum();
    }
}

package org.advmusic.audio.data;

import java.util.List;

/**
 * Per-feature standardisation {@code (x - mean) / std}, with statistics fitted on the training split
 * only and then applied to every split. A constant feature (std below 1e-12) gets std 1.
 *
 * @param featureNames the columns the statistics belong to
 * @param mean         (F) training means
 * @param std          (F) training population standard deviations
 */
public record Standardization(List<String> featureNames, float[] mean, float[] std) {

    /** Fits mean and standard deviation on {@code training} (pass the training split, never all data). */
    public static Standardization fit(TabularDataset training) {
        int f = training.featureCount();
        int n = training.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardisation on an empty training split");
        }
        double[] sum = new double[f];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < f; c++) {
                sum[c] += training.value(r, c);
            }
        }
        float[] mean = new float[f];
        float[] std = new float[f];
        for (int c = 0; c < f; c++) {
            double m = sum[c] / n;
            double squares = 0;
            for (int r = 0; r < n; r++) {
                double d = training.value(r, c) - m;
                squares += d * d;
            }
            double s = Math.sqrt(squares / n);
            mean[c] = (float) m;
            std[c] = (float) (s < 1e-12 ? 1.0 : s);
        }
        return new Standardization(training.featureNames(), mean, std);
    }

    /** {@code data} standardised with these statistics, as a new data set. */
    public TabularDataset apply(TabularDataset data) {
        if (!data.featureNames().equals(featureNames)) {
            throw new IllegalArgumentException("standardisation fitted on features " + featureNames
                    + " cannot be applied to " + data.featureNames());
        }
        int f = featureNames.size();
        float[] out = new float[data.data().length];
        for (int i = 0; i < out.length; i++) {
            int c = i % f;
            out[i] = (data.data()[i] - mean[c]) / std[c];
        }
        return data.withData(out);
    }
}

package org.advmusic.nn.svm;

/**
 * The z-score {@code (x - mean) / scale} applied to raw features before the classifier, fitted on
 * the training split (scikit-learn's {@code StandardScaler}; the audio module's
 * {@code Standardization} fits it). Stored with the model so that a checkpoint classifies raw features.
 *
 * @param mean  (F) training means
 * @param scale (F) training standard deviations, all positive
 */
public record FeatureScaler(double[] mean, double[] scale) {

    public FeatureScaler {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("scaler has " + mean.length + " means but " + scale.length + " scales");
        }
        for (int f = 0; f < scale.length; f++) {
            if (!(scale[f] > 0) || !Double.isFinite(mean[f])) {
                throw new IllegalArgumentException("scaler feature " + f + ": mean " + mean[f] + ", scale " + scale[f]
                        + " (expected a finite mean and a positive scale)");
            }
        }
    }

    /**
     * Fits mean and population standard deviation per column of {@code rows} (N, F), in float64 as
     * scikit-learn's {@code StandardScaler}; a constant feature gets scale 1.
     */
    public static FeatureScaler fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a feature scaler on no rows");
        }
        int features = rows[0].length;
        double[] mean = new double[features];
        double[] squares = new double[features];
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                mean[f] += row[f] / rows.length;
            }
        }
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                squares[f] += (row[f] - mean[f]) * (row[f] - mean[f]);
            }
        }
        double[] scale = new double[features];
        for (int f = 0; f < features; f++) {
            double std = Math.sqrt(squares[f] / rows.length);
            scale[f] = std < 1e-12 ? 1.0 : std;
        }
        return new FeatureScaler(mean, scale);
    }

    /** {@code row} standardised, as a new array. */
    public double[] apply(double[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("scaler expects " + mean.length + " features, got " + row.length);
        }
        double[] out = new double[row.length];
        for (int f = 0; f < row.length; f++) {
            out[f] = (row[f] - mean[f]) / scale[f];
        }
        return out;
    }

    /** Every row standardised, as new arrays. */
    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = apply(rows[r]);
        }
        return out;
    }
}

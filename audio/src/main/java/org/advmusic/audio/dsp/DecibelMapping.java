package org.advmusic.audio.dsp;

/**
 * The fixed map from log-mel decibels to the model's input box [0, 1]:
 * {@code unit = clip((dB - minDecibels) / (maxDecibels - minDecibels), 0, 1)}. Because the range is
 * fixed (not per sample), an input-space epsilon is a physical quantity: with the default
 * [-80, 0] dB, eps 0.01 is 0.8 dB.
 *
 * @param minDecibels the dB value mapped to 0
 * @param maxDecibels the dB value mapped to 1
 */
public record DecibelMapping(double minDecibels, double maxDecibels) {

    /** The default [-80, 0] dB (power_to_db with ref = max and top_db 80). */
    public static final DecibelMapping DEFAULT = new DecibelMapping(-80.0, 0.0);

    public DecibelMapping {
        if (!(maxDecibels > minDecibels) || !Double.isFinite(minDecibels) || !Double.isFinite(maxDecibels)) {
            throw new IllegalArgumentException("dB range [" + minDecibels + ", " + maxDecibels
                    + "] must be finite and increasing");
        }
    }

    /** Width of the range in dB (80 by default). */
    public double rangeDecibels() {
        return maxDecibels - minDecibels;
    }

    /** dB to the [0, 1] input box, clipped. */
    public double toUnit(double decibels) {
        return Math.max(0.0, Math.min(1.0, (decibels - minDecibels) / rangeDecibels()));
    }

    /** Input-box value back to dB (inside the range). */
    public double toDecibels(double unit) {
        return minDecibels + unit * rangeDecibels();
    }

    /** An input-space perturbation size in dB: {@code eps * range} (0.01 -> 0.8 dB by default). */
    public double epsilonToDecibels(double epsilon) {
        return epsilon * rangeDecibels();
    }

    /** A perturbation size in dB as an input-space epsilon. */
    public double decibelsToEpsilon(double decibels) {
        return decibels / rangeDecibels();
    }

    /** Maps {@code values[from, to)} in place from dB to [0, 1]. */
    public void toUnitInPlace(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = (float) toUnit(values[i]);
        }
    }
}

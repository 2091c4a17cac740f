package org.advmusic.audio.dsp;

/**
 * Band-limited resampling by windowed-sinc interpolation (the method of resampy's {@code kaiser_best},
 * which librosa used by default for years): every output sample is
 * {@code y(t) = sum_k x[k] * s * h(s * (t - k))}, with t the output instant in input samples,
 * {@code s = min(1, to / from)} (so downsampling lowers the cut-off to the new Nyquist frequency) and
 * {@code h(u) = r sinc(r u) kaiser(u / Z)} a Kaiser-windowed sinc of {@code Z = 64} zero crossings,
 * roll-off {@code r = 0.9476} and Kaiser beta 14.77 (about 140 dB stop-band attenuation). {@code h} is
 * tabulated at 4096 points per zero crossing and linearly interpolated. Samples outside the input
 * count as zero. The output has {@code ceil(n * to / from)} samples, as librosa's.
 */
public final class Resampler {
    private static final int ZERO_CROSSINGS = 64;
    private static final double ROLL_OFF = 0.9475937167399596;
    private static final double KAISER_BETA = 14.769656459379492;
    private static final int TABLE_STEPS = 4096;
    /** h(j / TABLE_STEPS) for j in [0, ZERO_CROSSINGS * TABLE_STEPS], with one zero past the end. */
    private static final double[] KERNEL = kernelTable();

    private Resampler() {
    }

    /**
     * Resamples {@code input} from {@code fromRate} to {@code toRate}; returns {@code input} itself
     * when the rates are equal.
     *
     * @return ceil(input.length * toRate / fromRate) samples
     */
    public static float[] resample(float[] input, double fromRate, double toRate) {
        if (!(fromRate > 0) || !(toRate > 0)) {
            throw new IllegalArgumentException("resample: rates must be positive, got " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return input;
        }
        double ratio = toRate / fromRate;
        int outputLength = (int) Math.ceil(input.length * ratio);
        double scale = Math.min(1.0, ratio);
        double reach = ZERO_CROSSINGS / scale;            // half-width of the kernel, in input samples
        double tableScale = scale * TABLE_STEPS;          // input-sample distance -> table position
        float[] output = new float[outputLength];
        for (int m = 0; m < outputLength; m++) {
            double t = m / ratio;                          // output instant in input samples
            int first = Math.max(0, (int) Math.ceil(t - reach));
            int last = Math.min(input.length - 1, (int) Math.floor(t + reach));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                double position = Math.abs(t - k) * tableScale;
                int index = (int) position;
                double fraction = position - index;
                double weight = KERNEL[index] + fraction * (KERNEL[index + 1] - KERNEL[index]);
                sum += weight * input[k];
            }
            output[m] = (float) (sum * scale);
        }
        return output;
    }

    private static double[] kernelTable() {
        int n = ZERO_CROSSINGS * TABLE_STEPS;
        double[] table = new double[n + 2];
        double norm = besselI0(KAISER_BETA);
        for (int j = 0; j <= n; j++) {
            double u = j / (double) TABLE_STEPS;
            double ratio = u / ZERO_CROSSINGS;
            double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / norm;
            table[j] = ROLL_OFF * sinc(ROLL_OFF * u) * window;
        }
        return table;
    }

    private static double sinc(double x) {
        return x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; k < 500 && term > 1e-17 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}

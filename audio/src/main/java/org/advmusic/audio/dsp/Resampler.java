package org.advmusic.audio.dsp;

/**
 * Band-limited resampling by windowed-sinc interpolation (the filter of resampy's {@code kaiser_best},
 * which librosa used by default for years): every output sample is
 * {@code y(t) = sum_k x[k] * s * h(s * (t - k))}, with t the output instant in input samples,
 * {@code s = min(1, to / from)} (so downsampling lowers the cut-off to the new Nyquist frequency) and
 * {@code h(u) = r sinc(r u) kaiser(u / Z)} a Kaiser-windowed sinc of {@code Z = 64} zero crossings,
 * roll-off {@code r = 0.9476} and Kaiser beta 14.77 (about 140 dB stop-band attenuation). Samples
 * outside the input count as zero. The output has {@code ceil(n * to / from)} samples, as librosa's.
 *
 * <p>When the rates reduce to a ratio with at most {@value #MAX_PHASES} output phases (44100 -> 22050
 * has one, 48000 -> 22050 has 147), the exact weights of every phase are computed once (polyphase);
 * otherwise {@code h} is tabulated at 4096 points per zero crossing and linearly interpolated.
 */
public final class Resampler {
    static final int MAX_PHASES = 4096;
    private static final int ZERO_CROSSINGS = 64;
    private static final double ROLL_OFF = 0.9475937167399596;
    private static final double KAISER_BETA = 14.769656459379492;
    private static final int TABLE_STEPS = 4096;
    private static final double KAISER_NORM = besselI0(KAISER_BETA);
    /** h(j / TABLE_STEPS) for j in [0, ZERO_CROSSINGS * TABLE_STEPS], with one zero past the end. */
    private static final double[] TABLE = kernelTable();

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
        boolean integral = fromRate == Math.rint(fromRate) && toRate == Math.rint(toRate);
        if (integral) {
            long divisor = gcd((long) fromRate, (long) toRate);
            if (toRate / divisor <= MAX_PHASES) {
                return polyphase(input, (int) (fromRate / divisor), (int) (toRate / divisor));
            }
        }
        return interpolated(input, fromRate, toRate);
    }

    /**
     * The exact-weight path for a reduced ratio: output m sits at input position
     * {@code m * down / up = n + phase / up}.
     */
    static float[] polyphase(float[] input, int down, int up) {
        double ratio = up / (double) down;
        double scale = Math.min(1.0, ratio);
        int reach = (int) Math.ceil(ZERO_CROSSINGS / scale); // taps on each side
        int taps = 2 * reach;
        float[] weights = new float[up * taps]; // phase p, tap j reads x[n - reach + 1 + j]
        for (int p = 0; p < up; p++) {
            for (int j = 0; j < taps; j++) {
                double distance = (reach - 1 - j) + p / (double) up; // t - k
                weights[p * taps + j] = (float) (scale * kernel(scale * distance));
            }
        }
        int outputLength = (int) Math.ceil(input.length * ratio);
        float[] output = new float[outputLength];
        for (int m = 0; m < outputLength; m++) {
            long position = (long) m * down;
            int n = (int) (position / up);
            int phase = (int) (position % up);
            int first = n - reach + 1;
            int row = phase * taps;
            int from = Math.max(0, -first);
            int to = Math.min(taps, input.length - first);
            double sum = 0;
            for (int j = from; j < to; j++) {
                sum += weights[row + j] * input[first + j];
            }
            output[m] = (float) sum;
        }
        return output;
    }

    /** The general path: kernel values interpolated from the table. */
    static float[] interpolated(float[] input, double fromRate, double toRate) {
        double ratio = toRate / fromRate;
        int outputLength = (int) Math.ceil(input.length * ratio);
        double scale = Math.min(1.0, ratio);
        double reach = ZERO_CROSSINGS / scale;      // half-width of the kernel, in input samples
        double tableScale = scale * TABLE_STEPS;   // input-sample distance -> table position
        float[] output = new float[outputLength];
        for (int m = 0; m < outputLength; m++) {
            double t = m / ratio;                    // output instant in input samples
            int first = Math.max(0, (int) Math.ceil(t - reach));
            int last = Math.min(input.length - 1, (int) Math.floor(t + reach));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                double position = Math.abs(t - k) * tableScale;
                int index = (int) position;
                double fraction = position - index;
                sum += (TABLE[index] + fraction * (TABLE[index + 1] - TABLE[index])) * input[k];
            }
            output[m] = (float) (sum * scale);
        }
        return output;
    }

    /** h(u): the Kaiser-windowed sinc, zero beyond {@code ZERO_CROSSINGS}. */
    private static double kernel(double u) {
        double ratio = u / ZERO_CROSSINGS;
        if (Math.abs(ratio) >= 1) {
            return 0;
        }
        double window = besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / KAISER_NORM;
        double x = ROLL_OFF * u;
        double sinc = x == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
        return ROLL_OFF * sinc * window;
    }

    private static double[] kernelTable() {
        int n = ZERO_CROSSINGS * TABLE_STEPS;
        double[] table = new double[n + 2];
        for (int j = 0; j <= n; j++) {
            table[j] = kernel(j / (double) TABLE_STEPS);
        }
        return table;
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

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}

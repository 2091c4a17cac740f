package org.advmusic.attacks.waveform;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Band-limited noise on a coarse time-frequency grid: the signal is cut into {@code blocks}
 * overlapping time blocks (raised-cosine windows at 50% overlap, which sum to one) and the spectrum
 * into {@code bands} log-spaced bands between {@code lowHz} and {@code highHz}; coefficient
 * {@code z[t * bands + b]} scales a fixed, seeded noise signal limited to band b (a sum of
 * random-phase sinusoids at random frequencies inside the band, normalised to unit RMS) inside
 * block t:
 *
 * <pre>
 *   delta[i] = amplitude / sqrt(bands) * sum_b noise_b[i] * sum_t z[t, b] window_t[i]
 * </pre>
 *
 * A genetic search then moves energy between regions of the time-frequency plane (what the
 * spectral features see) with a few hundred coefficients instead of one per sample.
 */
public final class BandLimitedNoiseBasis implements PerturbationBasis {
    private static final int SINUSOIDS_PER_BAND = 16;

    private final int samples;
    private final int blocks;
    private final int bands;
    private final double lowHz;
    private final double highHz;
    private final float[][] noise; // (bands, samples)
    private final int blockLength;

    /**
     * @param samples    waveform length
     * @param sampleRate Hz
     * @param blocks     time blocks (>= 1)
     * @param bands      frequency bands (>= 1)
     * @param lowHz      lower edge of the lowest band (> 0)
     * @param highHz     upper edge of the highest band (< sampleRate / 2)
     * @param seed       fixes the noise signals
     */
    public BandLimitedNoiseBasis(int samples, int sampleRate, int blocks, int bands, double lowHz, double highHz,
                                 long seed) {
        if (samples < 1 || blocks < 1 || bands < 1 || !(lowHz > 0) || !(highHz > lowHz) || highHz >= sampleRate / 2.0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "band-limited noise basis: %d samples, %d blocks, %d bands, %.1f-%.1f Hz at %d Hz; expected "
                            + "positive counts and 0 < low < high < sampleRate / 2", samples, blocks, bands, lowHz, highHz,
                    sampleRate));
        }
        this.samples = samples;
        this.blocks = blocks;
        this.bands = bands;
        this.lowHz = lowHz;
        this.highHz = highHz;
        this.blockLength = (int) Math.ceil(2.0 * samples / (blocks + 1));
        SplittableRandom random = new SplittableRandom(seed);
        noise = new float[bands][samples];
        double ratio = Math.pow(highHz / lowHz, 1.0 / bands);
        for (int b = 0; b < bands; b++) {
            double from = lowHz * Math.pow(ratio, b);
            double to = from * ratio;
            double energy = 0;
            for (int k = 0; k < SINUSOIDS_PER_BAND; k++) {
                double frequency = from + (to - from) * random.nextDouble();
                double step = 2 * Math.PI * frequency / sampleRate;
                // rotate (cos, sin) by the phase step: one multiply-add per sample instead of a sin call
                double phase = 2 * Math.PI * random.nextDouble();
                double c = Math.cos(phase);
                double s = Math.sin(phase);
                double cosStep = Math.cos(step);
                double sinStep = Math.sin(step);
                for (int i = 0; i < samples; i++) {
                    noise[b][i] += (float) s;
                    double nextC = c * cosStep - s * sinStep;
                    s = s * cosStep + c * sinStep;
                    c = nextC;
                }
            }
            for (float v : noise[b]) {
                energy += (double) v * v;
            }
            float scale = (float) (1.0 / Math.sqrt(energy / samples));
            for (int i = 0; i < samples; i++) {
                noise[b][i] *= scale;
            }
        }
    }

    @Override
    public int dimension() {
        return blocks * bands;
    }

    @Override
    public int samples() {
        return samples;
    }

    /** The window of block t at sample i: a raised cosine of length {@code blockLength}, hop half of it. */
    private double window(int t, int i) {
        if (blocks == 1) {
            return 1.0;
        }
        int offset = i - t * blockLength / 2;
        if (offset < 0 || offset >= blockLength) {
            return 0.0;
        }
        boolean firstHalf = offset < blockLength / 2;
        if ((t == 0 && firstHalf) || (t == blocks - 1 && !firstHalf)) {
            return 1.0; // the outer halves of the first and last blocks stay open, so the windows cover every sample
        }
        return 0.5 - 0.5 * Math.cos(2 * Math.PI * offset / blockLength);
    }

    @Override
    public void addTo(double[] coefficients, double amplitude, float[] out) {
        if (coefficients.length != dimension()) {
            throw new IllegalArgumentException("band-limited noise basis expects " + dimension() + " coefficients, got "
                    + coefficients.length);
        }
        double scale = amplitude / Math.sqrt(bands);
        for (int i = 0; i < samples; i++) {
            int last = Math.min(blocks - 1, 2 * i / Math.max(1, blockLength));
            int first = Math.max(0, last - 1);
            double sum = 0;
            for (int t = first; t <= last; t++) {
                double w = window(t, i);
                if (w == 0) {
                    continue;
                }
                int base = t * bands;
                double bandSum = 0;
                for (int b = 0; b < bands; b++) {
                    bandSum += coefficients[base + b] * noise[b][i];
                }
                sum += w * bandSum;
            }
            out[i] += (float) (scale * sum);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "band-limited noise, %d time blocks x %d log-spaced bands (%.0f-%.0f Hz)",
                blocks, bands, lowHz, highHz);
    }
}

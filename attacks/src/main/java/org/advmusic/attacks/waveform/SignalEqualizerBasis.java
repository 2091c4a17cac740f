package org.advmusic.attacks.waveform;

import java.util.Locale;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * An equaliser on the attacked signal itself: the clean signal is split into {@code bands}
 * log-spaced frequency bands between {@code lowHz} and {@code highHz} (brick-wall masks on its
 * spectrum; the lowest band also takes everything below {@code lowHz}, the highest everything above
 * {@code highHz}, so the bands sum to the signal), and coefficient {@code z[b]} adds band b back
 * with gain {@code z[b]}:
 *
 * <pre>
 *   delta[i] = amplitude / peak(clean) * sum_b z[b] clean_b[i]
 * </pre>
 *
 * With every coefficient at +1 or -1 the perturbation is {@code +-amplitude * clean / peak(clean)},
 * whose peak is the budget. Unlike added noise, the perturbation follows the signal: it is (up to the
 * brick-wall filters' ringing) silent where the signal is silent (added noise there dominates log-energy features and drags every file
 * towards one class) and it reshapes the spectral envelope, which is what tells instruments apart.
 */
public final class SignalEqualizerBasis implements PerturbationBasis {
    private final int bands;
    private final double lowHz;
    private final double highHz;
    /** (bands, samples) the clean signal's band components, scaled by 1 / peak(clean). */
    private final float[][] components;

    /**
     * @param clean      the attacked signal (not modified; not silent)
     * @param sampleRate Hz
     * @param bands      frequency bands (>= 1)
     * @param lowHz      upper edge of the lowest band's log-spaced part (> 0)
     * @param highHz     lower edge of the open top band (< sampleRate / 2)
     */
    public SignalEqualizerBasis(float[] clean, int sampleRate, int bands, double lowHz, double highHz) {
        if (clean.length < 2 || bands < 1 || !(lowHz > 0) || !(highHz > lowHz) || highHz >= sampleRate / 2.0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "signal equaliser basis: %d samples, %d bands, %.1f-%.1f Hz at %d Hz; expected at least 2 samples, "
                            + "bands >= 1 and 0 < low < high < sampleRate / 2", clean.length, bands, lowHz, highHz,
                    sampleRate));
        }
        double peak = 0;
        for (float v : clean) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak == 0) {
            throw new IllegalArgumentException("signal equaliser basis: the signal is silent; it has nothing to equalise");
        }
        this.bands = bands;
        this.lowHz = lowHz;
        this.highHz = highHz;
        int n = clean.length;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = clean[i] / peak;
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(spectrum);
        double ratio = Math.pow(highHz / lowHz, 1.0 / Math.max(1, bands - 1));
        components = new float[bands][];
        for (int b = 0; b < bands; b++) {
            double from = b == 0 ? 0 : lowHz * Math.pow(ratio, b - 1); // band b: [from, to) Hz
            double to = b == bands - 1 ? Double.POSITIVE_INFINITY : lowHz * Math.pow(ratio, b);
            double[] masked = spectrum.clone();
            // realForward layout: [Re0, Re(n/2) or Re(1)...]: bin k's frequency k * rate / n
            for (int k = 0; k <= n / 2; k++) {
                double hz = (double) k * sampleRate / n;
                if (hz >= from && hz < to) {
                    continue;
                }
                zeroBin(masked, k, n);
            }
            fft.realInverse(masked, true);
            components[b] = new float[n];
            for (int i = 0; i < n; i++) {
                components[b][i] = (float) masked[i];
            }
        }
    }

    /** Zeroes bin {@code k} of a {@link DoubleFFT_1D#realForward} spectrum of length {@code n}. */
    private static void zeroBin(double[] spectrum, int k, int n) {
        if (k == 0) {
            spectrum[0] = 0;
        } else if (n % 2 == 0 && k == n / 2) {
            spectrum[1] = 0;
        } else if (n % 2 == 1 && k == (n - 1) / 2) {
            spectrum[n - 1] = 0;
            spectrum[1] = 0;
        } else {
            spectrum[2 * k] = 0;
            spectrum[2 * k + 1] = 0;
        }
    }

    @Override
    public int dimension() {
        return bands;
    }

    @Override
    public int samples() {
        return components[0].length;
    }

    @Override
    public void addTo(double[] coefficients, double amplitude, float[] out) {
        if (coefficients.length != bands) {
            throw new IllegalArgumentException("signal equaliser basis expects " + bands + " coefficients, got "
                    + coefficients.length);
        }
        for (int b = 0; b < bands; b++) {
            float gain = (float) (amplitude * coefficients[b]);
            if (gain == 0) {
                continue;
            }
            float[] component = components[b];
            for (int i = 0; i < out.length; i++) {
                out[i] += gain * component[i];
            }
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "equaliser on the signal, %d log-spaced bands (%.0f-%.0f Hz)", bands, lowHz,
                highHz);
    }
}

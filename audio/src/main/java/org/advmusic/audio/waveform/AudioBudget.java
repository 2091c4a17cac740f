package org.advmusic.audio.waveform;

import java.util.Locale;

/**
 * Perturbation budgets a listener understands, and their conversion to the norms attacks use. A
 * waveform lives in [-1, 1] (0 dBFS = full scale).
 * <ul>
 *   <li>Linf as the peak perturbation amplitude in dBFS: {@code 20 log10(max |delta|)} (-40 dBFS is
 *       an amplitude of 0.01);</li>
 *   <li>L2 as the signal-to-noise ratio against the clean track:
 *       {@code SNR = 20 log10(||x||_2 / ||delta||_2)}, so a budget of S dB allows
 *       {@code ||delta||_2 <= ||x||_2 10^(-S / 20)} (a different L2 radius for every track);</li>
 *   <li>Carlini and Wagner's relative loudness {@code 20 log10(max |delta|) - 20 log10(max |x|)}.</li>
 * </ul>
 */
public final class AudioBudget {
    private AudioBudget() {
    }

    /** {@code 20 log10(amplitude)}; minus infinity for 0. */
    public static double peakDbfs(double amplitude) {
        requireNonNegative("peak amplitude", amplitude);
        return 20 * Math.log10(amplitude);
    }

    /**
     * The Linf radius of a peak budget.
     *
     * @throws IllegalArgumentException when the budget is NaN or above 0 dBFS (beyond full scale)
     */
    public static double amplitudeForPeakDbfs(double dbfs) {
        if (!(dbfs <= 0)) {
            throw new IllegalArgumentException("peak budget " + dbfs + " dBFS: expected a level at or below 0 dBFS (full scale)");
        }
        return Math.pow(10, dbfs / 20);
    }

    /**
     * The L2 radius of an SNR budget for a track whose clean L2 norm is {@code cleanL2}.
     *
     * @throws IllegalArgumentException when the SNR is not a positive number, or the track is silent
     *                                  (an SNR against silence has no meaning)
     */
    public static double l2ForSnr(double cleanL2, double snrDb) {
        if (!(snrDb > 0) || Double.isInfinite(snrDb)) {
            throw new IllegalArgumentException("SNR budget " + snrDb + " dB: expected a positive, finite number of dB "
                    + "(the perturbation quieter than the track)");
        }
        if (!(cleanL2 > 0)) {
            throw new IllegalArgumentException("SNR budget " + snrDb + " dB: the clean track is silent (L2 norm " + cleanL2
                    + "), so an SNR has no meaning; use a peak (dBFS) budget");
        }
        return cleanL2 * Math.pow(10, -snrDb / 20);
    }

    /** {@code 20 log10(||x|| / ||delta||)}: infinity for no perturbation, NaN for a silent track. */
    public static double snrDb(float[] clean, float[] perturbation) {
        double signal = l2(clean);
        double noise = l2(perturbation);
        if (!(signal > 0)) {
            return Double.NaN;
        }
        return 20 * Math.log10(signal / noise);
    }

    /** {@code 20 log10(max |delta|) - 20 log10(max |x|)} (Carlini and Wagner); NaN for a silent track. */
    public static double relativePeakDb(float[] clean, float[] perturbation) {
        double peak = linf(clean);
        return peak > 0 ? peakDbfs(linf(perturbation)) - 20 * Math.log10(peak) : Double.NaN;
    }

    /** The L2 norm. */
    public static double l2(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** The largest absolute value. */
    public static double linf(float[] x) {
        double max = 0;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** For example "-40.0 dBFS peak" or "SNR 30.0 dB". */
    public static String describe(boolean peak, double decibels) {
        return peak ? String.format(Locale.ROOT, "%.1f dBFS peak", decibels) : String.format(Locale.ROOT, "SNR %.1f dB", decibels);
    }

    private static void requireNonNegative(String what, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(what + " " + value + ": expected a number >= 0");
        }
    }
}

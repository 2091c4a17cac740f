package org.advmusic.audio.features;

import java.util.Locale;

/**
 * What the numbers of a preprocessed spectrogram mean, for threat models: the input box that
 * attacks clip into, and how many dB one input unit stands for.
 *
 * @param lower            the box's lower bound
 * @param upper            the box's upper bound
 * @param decibelsPerUnit  dB per input unit: exact when {@code exact}, else the median over the
 *                         training segments (each segment has its own)
 * @param exact            whether every segment has the same scale (the fixed dB map)
 * @param unit             what 1 input unit means, e.g. "1 = 80 dB (fixed map of [-80, 0] dB to [0, 1])"
 * @param boxOrigin        where the box comes from
 */
public record InputScale(double lower, double upper, double decibelsPerUnit, boolean exact, String unit,
                         String boxOrigin) {

    /** An epsilon in dB, e.g. "0.8 dB" or "about 0.12 dB (median segment)". */
    public String epsilonInDecibels(double epsilon) {
        if (Double.isNaN(decibelsPerUnit)) {
            return "unknown dB";
        }
        String db = String.format(Locale.ROOT, "%.3g dB", epsilon * decibelsPerUnit);
        return exact ? db : "about " + db + " (median segment)";
    }

    /** A sentence for reports, e.g. "box [0, 1] (the fixed map's range); 1 = 80 dB (...)". */
    public String describe() {
        return String.format(Locale.ROOT, "box [%.4g, %.4g] (%s); %s%s", lower, upper, boxOrigin, unit,
                exact ? "" : String.format(Locale.ROOT, "; median %.3g dB per unit over the training segments",
                        decibelsPerUnit));
    }
}

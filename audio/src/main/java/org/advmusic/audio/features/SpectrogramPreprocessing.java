package org.advmusic.audio.features;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.advmusic.audio.dsp.DecibelMapping;

/**
 * How a log-mel segment becomes a model input, applied per segment to the values of the fixed
 * {@link DecibelMapping} (which is affine in dB inside its range, so standardising or min-max
 * scaling them is the same as doing it to the dB values):
 * <ul>
 *   <li>{@link #FIXED_DECIBELS} (the default): the fixed map itself, [-80, 0] dB to [0, 1]. An epsilon
 *       is a physical quantity: 1 = the map's range (80 dB), the same for every segment.</li>
 *   <li>{@link #STANDARDIZED} (seed 001): {@code (x - mean) / std} over the segment; 1 = one standard
 *       deviation of that segment's dB values, so the same epsilon is a different number of dB per
 *       segment. A constant segment (std 0) becomes all zeros.</li>
 *   <li>{@link #SEGMENT_MIN_MAX} (seed 003): {@code (x - min) / (max - min)} over the segment, into
 *       [0, 1]; 1 = that segment's own dB range (at most the map's 80 dB). A constant segment becomes
 *       all zeros.</li>
 * </ul>
 * {@link #scale} states the input box and what epsilon means in dB for a data set.
 */
public enum SpectrogramPreprocessing {
    /** The fixed dB map to [0, 1]. */
    FIXED_DECIBELS("fixed-db"),
    /** Per-spectrogram standardisation (zero mean, unit variance). */
    STANDARDIZED("standardize"),
    /** Per-segment min-max scaling to [0, 1]. */
    SEGMENT_MIN_MAX("segment-minmax");

    private final String configName;

    SpectrogramPreprocessing(String configName) {
        this.configName = configName;
    }

    /** The name in configs and checkpoints, e.g. {@code "fixed-db"}. */
    public String configName() {
        return configName;
    }

    /**
     * The preprocessing a config names.
     *
     * @throws IllegalArgumentException naming the value and the known names
     */
    public static SpectrogramPreprocessing parse(String name) {
        for (SpectrogramPreprocessing p : values()) {
            if (p.configName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("preprocessing '" + name + "': expected one of " + configNames());
    }

    /**
     * Maps every segment of {@code values} (fixed-map values, {@code sampleSize} per segment) in place.
     *
     * @return for each segment, how many dB one input unit stands for (the perturbation scale of that segment)
     */
    public float[] applyInPlace(float[] values, int sampleSize, DecibelMapping mapping) {
        if (sampleSize <= 0 || values.length % sampleSize != 0) {
            throw new IllegalArgumentException(configName + ": " + values.length + " values are not whole segments of "
                    + sampleSize);
        }
        float[] decibelsPerUnit = new float[values.length / sampleSize];
        for (int s = 0; s < decibelsPerUnit.length; s++) {
            decibelsPerUnit[s] = (float) applyToSegment(values, s * sampleSize, (s + 1) * sampleSize, mapping);
        }
        return decibelsPerUnit;
    }

    private double applyToSegment(float[] values, int from, int to, DecibelMapping mapping) {
        switch (this) {
            case FIXED_DECIBELS:
                return mapping.rangeDecibels();
            case STANDARDIZED: {
                double mean = 0;
                for (int i = from; i < to; i++) {
                    mean += values[i];
                }
                mean /= to - from;
                double variance = 0;
                for (int i = from; i < to; i++) {
                    variance += (values[i] - mean) * (values[i] - mean);
                }
                double std = Math.sqrt(variance / (to - from));
                affineInPlace(values, from, to, mean, std);
                return std * mapping.rangeDecibels();
            }
            default: {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    min = Math.min(min, values[i]);
                    max = Math.max(max, values[i]);
                }
                affineInPlace(values, from, to, min, max - min);
                return (max - min) * mapping.rangeDecibels();
            }
        }
    }

    /** {@code (x - shift) / scale}, or 0 everywhere when the scale is 0 (a constant segment). */
    private static void affineInPlace(float[] values, int from, int to, double shift, double scale) {
        for (int i = from; i < to; i++) {
            values[i] = scale > 0 ? (float) ((values[i] - shift) / scale) : 0f;
        }
    }

    /**
     * The input box and the meaning of an epsilon for a data set preprocessed this way.
     *
     * @param trainingValues          the training split's preprocessed values (used only by {@link #STANDARDIZED},
     *                                whose box is their range)
     * @param trainingDecibelsPerUnit the training segments' scales from {@link #applyInPlace}
     */
    public InputScale scale(float[] trainingValues, float[] trainingDecibelsPerUnit, DecibelMapping mapping) {
        String map = String.format(Locale.ROOT, "[%s, %s] dB", trim(mapping.minDecibels()), trim(mapping.maxDecibels()));
        return switch (this) {
            case FIXED_DECIBELS -> new InputScale(0, 1, mapping.rangeDecibels(), true,
                    "1 = " + trim(mapping.rangeDecibels()) + " dB (fixed map of " + map + " to [0, 1])",
                    "the fixed map's range");
            case SEGMENT_MIN_MAX -> new InputScale(0, 1, median(trainingDecibelsPerUnit), false,
                    "1 = the segment's own dB range (at most " + trim(mapping.rangeDecibels()) + " dB)",
                    "per-segment min-max scaling maps every segment onto [0, 1]");
            case STANDARDIZED -> {
                double[] range = range(trainingValues);
                yield new InputScale(range[0], range[1], median(trainingDecibelsPerUnit), false,
                        "1 = one standard deviation of the segment's dB values",
                        "standardised inputs have no natural box: it is the range of the training split's"
                                + " standardised values, and attacks clip into it");
            }
        };
    }

    private static double[] range(float[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("standardize: the training split's values span no range [" + min + ", "
                    + max + "]; no input box can be derived from them");
        }
        return new double[] {min, max};
    }

    private static double median(float[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The config names, for messages. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(SpectrogramPreprocessing::configName).toList();
    }
}

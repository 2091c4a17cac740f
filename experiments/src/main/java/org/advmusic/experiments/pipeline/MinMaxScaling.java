package org.advmusic.experiments.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.advmusic.audio.data.TabularDataset;
import org.advmusic.nn.checkpoint.InputNormalization;

/**
 * Maps every tabular feature into [0, 1] with the minimum and maximum of the training split, and
 * clips the other splits into that box. Features then have a box, as spectrograms do, so an attack's
 * epsilon is a share of each feature's training range. Constant features map to 0.5.
 *
 * @param minimum per feature, from the training split
 * @param maximum per feature, from the training split
 */
public record MinMaxScaling(List<String> featureNames, float[] minimum, float[] maximum) {

    /** Fits on the training split only. */
    public static MinMaxScaling fit(TabularDataset training) {
        int f = training.featureCount();
        float[] min = new float[f];
        float[] max = new float[f];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < training.size(); r++) {
            for (int c = 0; c < f; c++) {
                float v = training.value(r, c);
                min[c] = Math.min(min[c], v);
                max[c] = Math.max(max[c], v);
            }
        }
        return new MinMaxScaling(training.featureNames(), min, max);
    }

    /** The scaled and clipped copy of {@code data}. */
    public TabularDataset apply(TabularDataset data) {
        int f = data.featureCount();
        float[] out = new float[data.data().length];
        for (int r = 0; r < data.size(); r++) {
            for (int c = 0; c < f; c++) {
                float range = maximum[c] - minimum[c];
                float v = range > 0 ? (data.value(r, c) - minimum[c]) / range : 0.5f;
                out[r * f + c] = Math.min(1f, Math.max(0f, v));
            }
        }
        return data.withData(out);
    }

    /** The mapping as recorded in checkpoints. */
    public InputNormalization normalization() {
        return new InputNormalization("per-feature min-max scaling to [0, 1] fitted on the training split, then clipped",
                Map.of("features", featureNames, "minimum", toList(minimum), "maximum", toList(maximum)));
    }

    /**
     * The scaling that {@link #normalization()} recorded, or null when {@code normalization} is not
     * a min-max scaling.
     */
    public static MinMaxScaling recorded(InputNormalization normalization) {
        Map<String, Object> p = normalization.parameters();
        if (!(p.get("features") instanceof List<?> names) || !(p.get("minimum") instanceof List<?> low)
                || !(p.get("maximum") instanceof List<?> high) || low.size() != names.size() || high.size() != names.size()) {
            return null;
        }
        float[] minimum = new float[names.size()];
        float[] maximum = new float[names.size()];
        for (int f = 0; f < minimum.length; f++) {
            minimum[f] = ((Number) low.get(f)).floatValue();
            maximum[f] = ((Number) high.get(f)).floatValue();
        }
        return new MinMaxScaling(names.stream().map(String::valueOf).toList(), minimum, maximum);
    }

    /** Per feature, its training range: how many of the feature's own units one input unit is. */
    public double[] ranges() {
        double[] out = new double[minimum.length];
        for (int f = 0; f < out.length; f++) {
            out[f] = (double) maximum[f] - minimum[f];
        }
        return out;
    }

    private static List<Double> toList(float[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = (double) values[i];
        }
        return List.of(boxed);
    }
}

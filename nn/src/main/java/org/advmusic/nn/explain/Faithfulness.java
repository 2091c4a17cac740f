package org.advmusic.nn.explain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Model;

/**
 * A deletion test of whether a map points at what the model uses: the explained class's
 * probability on the input, after the most-attended positions are removed, and after as many
 * random positions are removed (the control). A faithful map drops the probability more than the
 * random control does.
 *
 * <p>"Removing" a position {@code (frequency, time)} writes {@code baseline} into every channel of
 * the input there (e.g. the input box's lower bound, silence in a normalised log-mel spectrogram).
 * The most-attended positions are the {@code round(fraction H W)} largest values of the raw map (ties
 * broken by position, row-major); the random positions are drawn uniformly without replacement from
 * a {@link SplittableRandom} seeded with {@code seed}, one draw after another for the samples in order.
 *
 * @param fraction        share of the (H, W) positions removed, in (0, 1]
 * @param baseline        the value written into removed positions
 * @param seed            the seed of the random control
 * @param classes         (N) the explained class of every sample
 * @param original        (N) its probability on the unmodified input
 * @param attendedRemoved (N) its probability with the most-attended positions removed
 * @param randomRemoved   (N) its probability with random positions removed
 */
public record Faithfulness(double fraction, double baseline, long seed, int[] classes, double[] original,
                           double[] attendedRemoved, double[] randomRemoved) {

    /**
     * Runs the deletion test in evaluation mode without gradients (the model is not modified).
     *
     * @param inputs (N, C, H, W) the inputs the maps were computed on; not modified
     * @param cams   their maps (N, H, W) and explained classes
     * @throws IllegalArgumentException when the shapes do not match, the fraction is outside (0, 1]
     *                                  or the baseline is not finite
     */
    public static Faithfulness measure(Model model, Tensor inputs, CamResult cams, double fraction, double baseline,
                                       long seed) {
        inputs.requireRank("faithfulness", 4, "(batch, channels, height, width)");
        int n = inputs.dim(0);
        int positions = inputs.dim(2) * inputs.dim(3);
        if (cams.size() != n || cams.height() != inputs.dim(2) || cams.width() != inputs.dim(3)) {
            throw new IllegalArgumentException("faithfulness: maps of shape " + cams.maps().shape() + " for inputs of shape "
                    + inputs.shape() + "; expected one (H, W) map per input");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("faithfulness: fraction " + fraction + ", expected a share in (0, 1]");
        }
        if (!Double.isFinite(baseline)) {
            throw new IllegalArgumentException("faithfulness: baseline " + baseline + ", expected a finite value");
        }
        int removed = Math.max(1, (int) Math.round(fraction * positions));
        double[] values = inputs.toDoubleArray();
        double[] withoutAttended = values.clone();
        double[] withoutRandom = values.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            double[] map = Arrays.stream(cams.map(i)).flatMapToDouble(Arrays::stream).toArray();
            remove(withoutAttended, i, inputs.dim(1), positions, mostAttended(map, removed), baseline);
            remove(withoutRandom, i, inputs.dim(1), positions, randomPositions(positions, removed, random), baseline);
        }
        int[] classes = cams.classes().clone();
        try (EvaluationMode ignored = EvaluationMode.enter(model); MemoryScope scope = MemoryScope.open();
             Autograd.NoGradScope noGrad = Autograd.noGrad()) {
            int[] dims = inputs.shape().dims();
            return new Faithfulness(fraction, baseline, seed, classes,
                    classProbabilities(model, inputs, classes),
                    classProbabilities(model, Tensor.fromArray(inputs.backend(), withoutAttended, dims), classes),
                    classProbabilities(model, Tensor.fromArray(inputs.backend(), withoutRandom, dims), classes));
        }
    }

    /** Per sample, the original probability minus the one without the most-attended positions. */
    public double[] attendedDrops() {
        return drops(attendedRemoved);
    }

    /** Per sample, the original probability minus the one without the random positions. */
    public double[] randomDrops() {
        return drops(randomRemoved);
    }

    /** Mean of {@link #attendedDrops()}. */
    public double meanAttendedDrop() {
        return Arrays.stream(attendedDrops()).average().orElse(Double.NaN);
    }

    /** Mean of {@link #randomDrops()}. */
    public double meanRandomDrop() {
        return Arrays.stream(randomDrops()).average().orElse(Double.NaN);
    }

    private double[] drops(double[] after) {
        double[] out = new double[after.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = original[i] - after[i];
        }
        return out;
    }

    /** The {@code count} positions with the largest map values; ties go to the earlier position. */
    private static int[] mostAttended(double[] map, int count) {
        return IntStream.range(0, map.length).boxed()
                .sorted(Comparator.comparingDouble((Integer p) -> map[p]).reversed().thenComparingInt(p -> p))
                .limit(count).mapToInt(Integer::intValue).toArray();
    }

    /** {@code count} distinct positions of {@code [0, positions)}, uniformly (a partial Fisher-Yates shuffle). */
    private static int[] randomPositions(int positions, int count, SplittableRandom random) {
        int[] order = IntStream.range(0, positions).toArray();
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(positions - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return Arrays.copyOf(order, count);
    }

    /** Writes {@code baseline} into every channel of sample {@code sample} at the given (H, W) positions. */
    private static void remove(double[] values, int sample, int channels, int positions, int[] removed,
                               double baseline) {
        for (int channel = 0; channel < channels; channel++) {
            int planeStart = (sample * channels + channel) * positions;
            for (int p : removed) {
                values[planeStart + p] = baseline;
            }
        }
    }

    /** The softmax probability of {@code classes[i]} for every sample {@code i}. */
    private static double[] classProbabilities(Model model, Tensor inputs, int[] classes) {
        return ClassColumns.select(model.forward(inputs).softmax(-1), classes);
    }
}

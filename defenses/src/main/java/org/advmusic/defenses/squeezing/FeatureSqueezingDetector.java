package org.advmusic.defenses.squeezing;

import java.util.Arrays;
import java.util.List;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.Concat;
import org.advmusic.engine.ops.StraightThrough;
import org.advmusic.nn.Classifier;

/**
 * The feature-squeezing detector of Xu et al. 2018: an input is flagged as adversarial when the
 * model's prediction moves too much under squeezing. The score is
 * {@code max over squeezers s of || softmax(model(x)) - softmax(model(s(x))) ||_1}; the threshold is
 * calibrated on clean data only, so that a chosen fraction of clean inputs is flagged.
 */
public final class FeatureSqueezingDetector {
    private final Classifier model;
    private final List<Squeezer> squeezers;
    private double threshold = Double.NaN;

    /** @param squeezers at least one */
    public FeatureSqueezingDetector(Classifier model, List<Squeezer> squeezers) {
        if (squeezers.isEmpty()) {
            throw new IllegalArgumentException("feature-squeezing detector: no squeezers given");
        }
        this.model = model;
        this.squeezers = List.copyOf(squeezers);
    }

    /** The squeezers compared. */
    public List<Squeezer> squeezers() {
        return squeezers;
    }

    /**
     * The score of every sample, differentiable with respect to {@code inputs} through the identity
     * gradient of the squeezers (BPDA), for detector-aware attacks.
     *
     * @param inputs (N, ...)
     * @return (N) scores
     */
    public Tensor differentiableScore(Tensor inputs) {
        return scoreFromLogits(inputs, model.logits(inputs));
    }

    /** Like {@link #differentiableScore} when the logits of {@code inputs} are already computed. */
    public Tensor scoreFromLogits(Tensor inputs, Tensor logits) {
        Tensor clean = logits.softmax(-1);
        Tensor[] distances = new Tensor[squeezers.size()];
        for (int s = 0; s < distances.length; s++) {
            Squeezer squeezer = squeezers.get(s);
            Tensor squeezed = model.logits(StraightThrough.apply(inputs, squeezer::apply)).softmax(-1);
            distances[s] = clean.sub(squeezed).abs().sum(true, 1); // (N, 1) L1 distance
        }
        return Concat.apply(1, distances).max(false, 1);
    }

    /** Scores of every sample, in batches, without gradients. */
    public double[] scores(Tensor inputs, int batchSize) {
        int n = inputs.dim(0);
        double[] out = new double[n];
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            try (MemoryScope scope = MemoryScope.open(); var ignored = Autograd.noGrad()) {
                System.arraycopy(differentiableScore(inputs.narrow(0, from, count)).toDoubleArray(), 0, out, from, count);
            }
        }
        return out;
    }

    /**
     * Sets the threshold from clean validation inputs so that exactly {@code k = ceil(rate * N)} of
     * them score above it (fewer only when scores tie): the threshold is the {@code (N - k)}-th
     * smallest score, and a sample is flagged when its score is strictly greater.
     *
     * @param falsePositiveRate the target fraction of clean inputs flagged, in [0, 1)
     * @return the threshold
     */
    public double calibrate(Tensor cleanValidation, double falsePositiveRate, int batchSize) {
        return calibrate(scores(cleanValidation, batchSize), falsePositiveRate);
    }

    /** {@link #calibrate(Tensor, double, int)} from precomputed clean scores. */
    public double calibrate(double[] cleanScores, double falsePositiveRate) {
        if (!(falsePositiveRate >= 0 && falsePositiveRate < 1)) {
            throw new IllegalArgumentException("detector calibration: false-positive rate " + falsePositiveRate
                    + ", expected within [0, 1)");
        }
        if (cleanScores.length == 0) {
            throw new IllegalArgumentException("detector calibration: no clean validation samples");
        }
        double[] sorted = cleanScores.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int flagged = (int) Math.ceil(falsePositiveRate * n);
        threshold = flagged == 0 ? sorted[n - 1] : flagged >= n ? Double.NEGATIVE_INFINITY : sorted[n - 1 - flagged];
        return threshold;
    }

    /** The calibrated threshold (NaN before calibration). */
    public double threshold() {
        return threshold;
    }

    /** Uses an explicit threshold (for example one read from a saved run). */
    public void setThreshold(double value) {
        this.threshold = value;
    }

    /** Whether each score is above the calibrated threshold. */
    public boolean[] flags(double[] scores) {
        if (Double.isNaN(threshold)) {
            throw new IllegalStateException("feature-squeezing detector: calibrate the threshold before detecting");
        }
        return flags(scores, threshold);
    }

    /** Whether each score is above {@code threshold} (a NaN score is flagged). */
    public static boolean[] flags(double[] scores, double threshold) {
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = !(scores[i] <= threshold); // NaN scores are flagged
        }
        return out;
    }

    /** A name for reports, e.g. "squeeze[bit-depth-5, median-2x2]". */
    public String name() {
        return "squeeze" + squeezers.stream().map(Squeezer::name).toList();
    }
}

package org.advmusic.attacks.waveform;

import java.util.Arrays;
import java.util.Locale;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * A point of the feature domain where a differentiable classifier is confident of one class, kept
 * where real signals lie: the candidate (e.g. one of the class's support vectors, which came from
 * real files) with the highest margin {@code s_c - max_{j != c} s_j}, then white-box projected
 * gradient ascent on that margin (signed steps, Linf ball of {@code radius} around the candidate,
 * intersected with the per-feature box, e.g. the range of the training data). The margin's gradient
 * is taken through {@code Autograd.gradWithSeed} with the seed +1 at c and -1 at the best other class;
 * the best iterate is kept. Runs on the float64 reference backend; modifies nothing.
 */
public final class FeatureSpaceTarget {
    private FeatureSpaceTarget() {
    }

    /**
     * @param point  (F) the target point
     * @param margin its margin under the classifier
     * @param start  the margin of the best candidate, before the ascent
     */
    public record Result(double[] point, double margin, double start) {
    }

    /**
     * @param classifier (N, F) -> (N, C) scores, differentiable in its input
     * @param candidates (M, F) starting points, M >= 1
     * @param cls        the class
     * @param lower      (F) lower end of each feature
     * @param upper      (F) upper end of each feature
     * @param radius     Linf radius of the ascent around the best candidate (>= 0)
     * @param steps      ascent steps (>= 0), each of size {@code 2.5 radius / steps}
     */
    public static Result find(Classifier classifier, double[][] candidates, int cls, double[] lower, double[] upper,
                              double radius, int steps) {
        if (candidates.length == 0 || !(radius >= 0) || steps < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "feature-space target: %d candidates, radius "
                    + "%s, %d steps; expected candidates, radius >= 0 and steps >= 0", candidates.length, radius, steps));
        }
        int features = candidates[0].length;
        double[] flat = new double[candidates.length * features];
        for (int m = 0; m < candidates.length; m++) {
            System.arraycopy(candidates[m], 0, flat, m * features, features);
        }
        double[] scores;
        try (var ignored = Autograd.noGrad()) {
            scores = classifier.logits(Tensor.fromArray(Backends.reference(), flat, candidates.length, features))
                    .toDoubleArray(); // (M, C)
        }
        int classes = scores.length / candidates.length;
        if (cls < 0 || cls >= classes) {
            throw new IllegalArgumentException("class " + cls + " is not one of the " + classes + " classes");
        }
        int bestRow = 0;
        double bestMargin = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < candidates.length; m++) {
            double margin = ConfidenceMaximizer.margin(Arrays.copyOfRange(scores, m * classes, (m + 1) * classes), cls);
            if (margin > bestMargin) {
                bestMargin = margin;
                bestRow = m;
            }
        }
        double[] origin = candidates[bestRow];
        double[] best = origin.clone();
        double start = bestMargin;
        double[] x = origin.clone();
        double stepSize = steps == 0 ? 0 : 2.5 * radius / steps;
        for (int step = 0; step < steps; step++) {
            Tensor input = Tensor.fromArray(Backends.reference(), x, 1, features).requiresGrad(true);
            Tensor logits = classifier.logits(input); // (1, C)
            double[] s = logits.toDoubleArray();
            int other = strongestOther(s, cls);
            double[] seed = new double[classes];
            seed[cls] = 1;
            seed[other] = -1;
            double[] gradient = Autograd.gradWithSeed(logits, Tensor.fromArray(Backends.reference(), seed, 1, classes),
                    input)[0].toDoubleArray();
            for (int f = 0; f < features; f++) {
                double moved = x[f] + stepSize * Math.signum(gradient[f]);
                moved = Math.max(origin[f] - radius, Math.min(origin[f] + radius, moved));
                x[f] = Math.max(lower[f], Math.min(upper[f], moved));
            }
            double margin;
            try (var ignored = Autograd.noGrad()) {
                margin = ConfidenceMaximizer.margin(classifier.logits(Tensor.fromArray(Backends.reference(), x, 1, features))
                        .toDoubleArray(), cls);
            }
            if (margin > bestMargin) {
                bestMargin = margin;
                best = x.clone();
            }
        }
        return new Result(best, bestMargin, start);
    }

    private static int strongestOther(double[] scores, int cls) {
        int other = -1;
        for (int j = 0; j < scores.length; j++) {
            if (j != cls && (other < 0 || scores[j] > scores[other])) {
                other = j;
            }
        }
        return other;
    }
}

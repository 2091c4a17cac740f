package org.advmusic.attacks;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Tensor;

/**
 * Keeps, for every sample of a minimum-norm attack, the adversarial input with the smallest
 * perturbation seen so far. It starts at the clean input with the largest norm possible inside the
 * box ({@link #worstNorms}), so any adversarial point found improves on it.
 */
final class MinimumNormTracker {
    private final Tensor best;
    private final double[] bestNorm;
    private final boolean[] found;

    MinimumNormTracker(Tensor clean, double[] worstNorms) {
        this.best = clean.copy();
        this.bestNorm = worstNorms.clone();
        this.found = new boolean[worstNorms.length];
    }

    /**
     * The norm of the farthest point of the box from each sample: {@code max(x - lower, upper - x)}
     * elementwise, measured in {@code norm}.
     */
    static double[] worstNorms(Norm norm, Tensor clean, InputBox box) {
        try (var ignored = Autograd.noGrad()) {
            Tensor toLower = clean.sub(box.lower());
            Tensor toUpper = clean.neg().add(box.upper());
            return PerSample.norms(norm, org.advmusic.engine.unrecorded.Elementwise.binary(
                    org.advmusic.engine.BinaryOp.MAX, toLower, toUpper));
        }
    }

    /** Records the candidates that are adversarial with a smaller norm than the best so far. */
    void offer(Tensor candidates, double[] norms, boolean[] adversarial) {
        int[] rows = new int[norms.length];
        int count = 0;
        for (int i = 0; i < norms.length; i++) {
            if (adversarial[i] && norms[i] < bestNorm[i]) {
                bestNorm[i] = norms[i];
                found[i] = true;
                rows[count++] = i;
            }
        }
        if (count > 0) {
            int[] selected = Arrays.copyOf(rows, count);
            try (var ignored = Autograd.noGrad()) {
                InPlace.setRows(best, selected, count == norms.length ? candidates : candidates.selectRowsDetached(selected));
            }
        }
    }

    /** Whether sample {@code i} has an adversarial point. */
    boolean found(int i) {
        return found[i];
    }

    /** The smallest adversarial norm of each sample (the worst norm where none was found). */
    double[] bestNorms() {
        return bestNorm;
    }

    /** The best points (the clean input where none was found). */
    Tensor best() {
        return best;
    }
}

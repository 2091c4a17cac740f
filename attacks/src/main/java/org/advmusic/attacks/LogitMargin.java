package org.advmusic.attacks;

import org.advmusic.engine.Tensor;

/** {@code z_c - max_{j != c} z_j} per sample, built from differentiable engine operations. */
final class LogitMargin {
    /** Subtracted from the reference class so it never wins the maximum over the other classes. */
    private static final double EXCLUDE = 1e9;

    private LogitMargin() {
    }

    /**
     * @param logits (N, K)
     * @param classes N reference classes
     * @return (N) margins of the reference class over the best other class
     */
    static Tensor apply(Tensor logits, int[] classes) {
        int n = logits.dim(0);
        int k = logits.dim(1);
        double[] oneHot = new double[n * k];
        for (int i = 0; i < n; i++) {
            oneHot[i * k + classes[i]] = 1.0;
        }
        Tensor mask = Tensor.fromArray(logits.backend(), oneHot, n, k);
        Tensor own = logits.mul(mask).sum(false, 1);
        Tensor bestOther = logits.sub(mask.mul(EXCLUDE)).max(false, 1);
        return own.sub(bestOther);
    }
}

package org.advmusic.nn.losses;

import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;

/**
 * Mean cross-entropy of logits against integer labels, with optional label smoothing as in
 * PyTorch's {@code cross_entropy(label_smoothing=s)}: the target puts {@code 1 - s} on the label and
 * {@code s / K} on every class, so
 * {@code loss_i = (1 - s) * (-log p_i[y_i]) + s * mean_k(-log p_i[k])}.
 */
public final class CrossEntropyLoss {
    private final double labelSmoothing;

    /** @param labelSmoothing {@code s} in {@code [0, 1)}; 0 is plain cross-entropy */
    public CrossEntropyLoss(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("cross-entropy: label smoothing " + labelSmoothing
                    + ", expected within [0, 1)");
        }
        this.labelSmoothing = labelSmoothing;
    }

    /** Plain cross-entropy. */
    public CrossEntropyLoss() {
        this(0.0);
    }

    /** The smoothing {@code s}. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * @param logits (N, K)
     * @param labels N labels in {@code [0, K)}
     * @return the mean loss, a scalar in the autograd graph
     */
    public Tensor mean(Tensor logits, int[] labels) {
        Tensor labelLoss = SoftmaxCrossEntropy.perSample(logits, labels);         // (N)
        if (labelSmoothing == 0) {
            return labelLoss.mean();
        }
        Tensor uniformLoss = logits.logSoftmax(-1).mean(false, 1).neg();          // (N, K) -> (N)
        return labelLoss.mul(1 - labelSmoothing).add(uniformLoss.mul(labelSmoothing)).mean();
    }
}

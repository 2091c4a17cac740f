package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * Fused softmax and cross-entropy with integer labels:
 * {@code loss_r = -log softmax(logits_r)[label_r]}, with the cheap fused backward
 * {@code softmax(logits) - onehot(label)}.
 */
public final class SoftmaxCrossEntropy extends GradFunction {
    private final Tensor probabilities;
    private final Tensor labels;

    private SoftmaxCrossEntropy(Tensor logits, Tensor probabilities, Tensor labels) {
        super(logits);
        this.probabilities = probabilities;
        this.labels = labels;
    }

    /**
     * Per-sample losses.
     *
     * @param logits (N, K) unnormalised class scores
     * @param labels N class indices in {@code [0, K)}
     * @return (N) losses
     */
    public static Tensor perSample(Tensor logits, int[] labels) {
        logits.requireRank("crossEntropy", 2, "(batch, classes)");
        int rows = logits.dim(0);
        int classes = logits.dim(1);
        if (labels.length != rows) {
            throw new IllegalArgumentException("crossEntropy: " + labels.length + " labels for a batch of " + rows);
        }
        double[] values = new double[rows];
        for (int r = 0; r < rows; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[r] + " of sample " + r
                        + " is outside [0, " + classes + ")");
            }
            values[r] = labels[r];
        }
        Tensor labelTensor = Tensor.fromArray(logits.backend(), values, rows);
        Tensor probabilities = Tensor.empty(logits.backend(), logits.shape());
        Tensor losses = Tensor.empty(logits.backend(), Shape.of(rows));
        logits.backend().softmaxCrossEntropy(logits.buffer(), labelTensor.buffer(), rows, classes,
                probabilities.buffer(), losses.buffer());
        return Autograd.shouldRecord(logits)
                ? losses.withGradFunction(new SoftmaxCrossEntropy(logits, probabilities, labelTensor))
                : losses;
    }

    /** The mean loss over the batch, a scalar (PyTorch's {@code cross_entropy} default). */
    public static Tensor mean(Tensor logits, int[] labels) {
        return perSample(logits, labels).mean();
    }

    // dloss_r/dlogits_rc = softmax(logits_r)_c - 1[c == label_r]
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor logits = inputs()[0];
        Tensor grad = Tensor.empty(logits.backend(), logits.shape());
        DeviceBuffer out = grad.buffer();
        logits.backend().softmaxCrossEntropyBackward(probabilities.buffer(), labels.buffer(), g.buffer(),
                logits.dim(0), logits.dim(1), out);
        return new Tensor[] {grad};
    }
}

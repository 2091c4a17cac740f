package org.advmusic.attacks;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.Concat;
import org.advmusic.nn.Classifier;

/**
 * The binary linear model {@code s(x) = w.x + b} with logits {@code [0, s]}: class 1 when s > 0. Its
 * minimal adversarial perturbations are known in closed form: {@code |s| / ||w||_2} in L2 and
 * {@code |s| / ||w||_1} in Linf, reached along {@code w} and {@code sign(w)}.
 */
final class LinearBinaryClassifier implements Classifier {
    final double[] weights;
    final double bias;
    private final Tensor w;
    private final Tensor b;

    LinearBinaryClassifier(Backend backend, double[] weights, double bias) {
        this.weights = weights.clone();
        this.bias = bias;
        this.w = Tensor.fromArray(backend, weights, weights.length, 1);
        this.b = Tensor.scalar(backend, bias);
    }

    @Override
    public Tensor logits(Tensor batch) {
        Tensor s = batch.reshape(batch.dim(0), -1).matmul(w).add(b); // (N, 1)
        return Concat.apply(1, Tensor.zeros(batch.backend(), Shape.of(batch.dim(0), 1)), s);
    }

    /** {@code w.x + b} of one sample. */
    double margin(double[] x, int sample) {
        double s = bias;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * x[sample * weights.length + j];
        }
        return s;
    }

    double l1() {
        double s = 0;
        for (double v : weights) {
            s += Math.abs(v);
        }
        return s;
    }

    double l2() {
        double s = 0;
        for (double v : weights) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The model's own predictions, used as labels so that every sample can be attacked. */
    int[] predictions(Tensor x) {
        double[] v = x.toDoubleArray();
        int[] labels = new int[x.dim(0)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = margin(v, i) > 0 ? 1 : 0;
        }
        return labels;
    }
}

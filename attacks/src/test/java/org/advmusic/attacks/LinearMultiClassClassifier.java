package org.advmusic.attacks;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * The multi-class linear model {@code z = W x + b}. The region where class y loses is the union of
 * the half-spaces {@code z_j > z_y}, so the minimal adversarial perturbation is known in closed form:
 * {@code min_{j != y} (z_y - z_j) / ||w_y - w_j||_dual} (dual of L2 is L2, of Linf is L1).
 */
final class LinearMultiClassClassifier implements Classifier {
    private final double[] weights; // (classes, features)
    private final double[] bias;
    private final int classes;
    private final int features;
    private final Tensor weightsTransposed;
    private final Tensor biasTensor;

    LinearMultiClassClassifier(Backend backend, double[] weights, double[] bias) {
        this.weights = weights.clone();
        this.bias = bias.clone();
        this.classes = bias.length;
        this.features = weights.length / classes;
        double[] transposed = new double[weights.length];
        for (int c = 0; c < classes; c++) {
            for (int f = 0; f < features; f++) {
                transposed[f * classes + c] = weights[c * features + f];
            }
        }
        this.weightsTransposed = Tensor.fromArray(backend, transposed, features, classes);
        this.biasTensor = Tensor.fromArray(backend, bias, classes);
    }

    @Override
    public Tensor logits(Tensor batch) {
        return batch.matmul(weightsTransposed).add(biasTensor); // (N, F) x (F, K) -> (N, K)
    }

    private double score(double[] x, int sample, int c) {
        double s = bias[c];
        for (int f = 0; f < features; f++) {
            s += weights[c * features + f] * x[sample * features + f];
        }
        return s;
    }

    /** The predicted class of every sample. */
    int[] predictions(double[] x) {
        int n = x.length / features;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = 1; c < classes; c++) {
                if (score(x, i, c) > score(x, i, out[i])) {
                    out[i] = c;
                }
            }
        }
        return out;
    }

    /** The exact minimal perturbation of sample {@code i} (class {@code y}) in L2 ({@code l2}) or Linf. */
    double minimalNorm(double[] x, int i, int y, boolean l2) {
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            if (j == y) {
                continue;
            }
            double dual = 0;
            for (int f = 0; f < features; f++) {
                double d = weights[y * features + f] - weights[j * features + f];
                dual += l2 ? d * d : Math.abs(d);
            }
            best = Math.min(best, (score(x, i, y) - score(x, i, j)) / (l2 ? Math.sqrt(dual) : dual));
        }
        return best;
    }
}

package org.advmusic.nn.train;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Model;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.metrics.Metrics;

/**
 * Runs a model over a whole data set in mini-batches, in evaluation mode and without gradients; the
 * model's mode is restored afterwards.
 */
public final class Inference {
    private Inference() {
    }

    /**
     * Mean loss and accuracy of a model on labeled data.
     *
     * @param loss     mean loss over the samples
     * @param accuracy fraction classified correctly
     */
    public record Evaluation(double loss, double accuracy) {
    }

    /** Logits of every sample: {@code (N, ...) -> N rows of classes values}. */
    public static double[][] logits(Model model, Tensor inputs, int batchSize) {
        return run(model, inputs, batchSize, false);
    }

    /** Log-softmax of the logits of every sample (for song-level aggregation). */
    public static double[][] logProbabilities(Model model, Tensor inputs, int batchSize) {
        return run(model, inputs, batchSize, true);
    }

    /** Mean loss and accuracy of {@code model} on {@code data}. */
    public static Evaluation evaluate(Model model, LabeledData data, CrossEntropyLoss loss, int batchSize) {
        requirePositive(batchSize);
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        int correct = 0;
        try (var noGrad = Autograd.noGrad()) {
            for (int start = 0; start < data.size(); start += batchSize) {
                try (var scope = MemoryScope.open()) {
                    LabeledData batch = data.subset(range(start, Math.min(data.size(), start + batchSize)));
                    Tensor logits = model.forward(batch.inputs());
                    lossSum += loss.mean(logits, batch.labels()).item() * batch.size();
                    correct += Metrics.correct(batch.labels(), logits.argmaxLastAxis());
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return new Evaluation(lossSum / data.size(), (double) correct / data.size());
    }

    private static double[][] run(Model model, Tensor inputs, int batchSize, boolean logSoftmax) {
        requirePositive(batchSize);
        int n = inputs.dim(0);
        double[][] out = new double[n][];
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var noGrad = Autograd.noGrad()) {
            for (int start = 0; start < n; start += batchSize) {
                try (var scope = MemoryScope.open()) {
                    int end = Math.min(n, start + batchSize);
                    Tensor logits = model.forward(inputs.selectRowsDetached(range(start, end)));
                    double[] values = (logSoftmax ? logits.logSoftmax(-1) : logits).toDoubleArray();
                    int classes = logits.dim(1);
                    for (int i = start; i < end; i++) {
                        out[i] = Arrays.copyOfRange(values, (i - start) * classes, (i - start + 1) * classes);
                    }
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return out;
    }

    /** {@code [start, end)} as an index array. */
    private static int[] range(int start, int end) {
        int[] rows = new int[end - start];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = start + i;
        }
        return rows;
    }

    private static void requirePositive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("inference: batch size " + batchSize + ", expected at least 1");
        }
    }
}

package org.advmusic.attacks;

import java.util.SplittableRandom;
import org.advmusic.engine.Backend;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.Affine;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;
import org.advmusic.nn.Classifier;

/**
 * A small MLP trained in the test on Gaussian blobs inside the unit box, {@code features -> 32 ->
 * classes}: a differentiable, non-linear model whose weights the tests can compare bit for bit.
 */
final class TrainedMlp implements Classifier {
    final Tensor[] parameters;
    final Tensor inputs;
    final int[] labels;
    final int classes;

    private TrainedMlp(Tensor[] parameters, Tensor inputs, int[] labels, int classes) {
        this.parameters = parameters;
        this.inputs = inputs;
        this.labels = labels;
        this.classes = classes;
    }

    @Override
    public Tensor logits(Tensor batch) {
        Tensor hidden = Affine.apply(batch.reshape(batch.dim(0), -1), parameters[0], parameters[1]).relu();
        return Affine.apply(hidden, parameters[2], parameters[3]);
    }

    /** Trains on {@code samples} points of {@code classes} blobs in {@code [0, 1]^features}. */
    static TrainedMlp train(Backend backend, int features, int classes, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            for (int j = 0; j < features; j++) {
                c[j] = 0.25 + 0.5 * random.nextDouble();
            }
        }
        double[] x = new double[samples * features];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < features; j++) {
                x[i * features + j] = Math.min(1, Math.max(0, centres[labels[i]][j] + 0.04 * random.nextGaussian()));
            }
        }
        Tensor inputs = Tensor.fromArray(backend, x, samples, features);
        Tensor[] p = {
            Tensor.uniform(backend, seed + 1, Shape.of(32, features), -0.4, 0.4), Tensor.zeros(backend, Shape.of(32)),
            Tensor.uniform(backend, seed + 2, Shape.of(classes, 32), -0.2, 0.2), Tensor.zeros(backend, Shape.of(classes))};
        TrainedMlp model = new TrainedMlp(p, inputs, labels, classes);
        for (Tensor t : p) {
            t.requiresGrad(true);
        }
        for (int step = 0; step < 300; step++) {
            try (MemoryScope scope = MemoryScope.open()) {
                SoftmaxCrossEntropy.mean(model.logits(inputs), labels).backward();
                for (Tensor t : p) {
                    InPlace.sub(t, t.grad().mul(0.5));
                    t.zeroGrad();
                }
            }
        }
        for (Tensor t : p) {
            t.clearGrad(); // so a test can tell whether anything wrote a gradient later
        }
        return model;
    }

    /** The training accuracy, for the tests' preconditions. */
    double accuracy() {
        int[] predicted = logits(inputs).argmaxLastAxis();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }
}

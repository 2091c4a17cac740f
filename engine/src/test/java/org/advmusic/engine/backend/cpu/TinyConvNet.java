package org.advmusic.engine.backend.cpu;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.Affine;
import org.advmusic.engine.ops.BatchNorm;
import org.advmusic.engine.ops.Convolution;
import org.advmusic.engine.ops.MaxPooling;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;

/**
 * A small convolutional classifier built directly from the operations, trained by plain SGD on
 * seeded data: conv 3x3 (8) - batch norm - ReLU - max pool 2 - conv 3x3 (16) - ReLU - max pool 2 -
 * linear (4) - cross entropy, on a batch of 8 inputs of 1 x 32 x 32. Large enough that every loop
 * of the CPU backend is split across threads.
 */
final class TinyConvNet {
    private static final int BATCH = 8;
    private static final int[] LABELS = {0, 1, 2, 3, 3, 2, 1, 0};

    private final Tensor conv1;
    private final Tensor bias1;
    private final Tensor gamma;
    private final Tensor beta;
    private final Tensor runningMean;
    private final Tensor runningVariance;
    private final Tensor conv2;
    private final Tensor dense;
    private final Tensor denseBias;
    private final Tensor input;

    TinyConvNet(Backend backend, long seed) {
        try (var ignored = MemoryScope.persistent()) {
            conv1 = Tensor.uniform(backend, seed + 1, Shape.of(8, 1, 3, 3), -0.5, 0.5);
            bias1 = Tensor.uniform(backend, seed + 2, Shape.of(8), -0.1, 0.1);
            gamma = Tensor.ones(backend, Shape.of(8));
            beta = Tensor.zeros(backend, Shape.of(8));
            runningMean = Tensor.zeros(backend, Shape.of(8));
            runningVariance = Tensor.ones(backend, Shape.of(8));
            conv2 = Tensor.uniform(backend, seed + 3, Shape.of(16, 8, 3, 3), -0.2, 0.2);
            dense = Tensor.uniform(backend, seed + 4, Shape.of(4, 16 * 8 * 8), -0.05, 0.05);
            denseBias = Tensor.zeros(backend, Shape.of(4));
            input = Tensor.uniform(backend, seed + 5, Shape.of(BATCH, 1, 32, 32), 0, 1);
        }
        for (Tensor p : parameters()) {
            p.requiresGrad(true);
        }
    }

    private Tensor[] parameters() {
        return new Tensor[] {conv1, bias1, gamma, beta, conv2, dense, denseBias};
    }

    /** One SGD step inside a memory scope; returns the loss before the step. */
    double step(double learningRate) {
        try (var scope = MemoryScope.open()) {
            Tensor h = Convolution.apply(input, conv1, bias1, 1, 1, 1, 1);                       // (8, 8, 32, 32)
            h = BatchNorm.training(h, gamma, beta, runningMean, runningVariance, 0.1, 1e-5).relu();
            h = MaxPooling.apply(h, 2, 2, 2, 2, 0, 0);                                       // (8, 8, 16, 16)
            h = Convolution.apply(h, conv2, null, 1, 1, 1, 1).relu();                            // (8, 16, 16, 16)
            h = MaxPooling.apply(h, 2, 2, 2, 2, 0, 0).reshape(BATCH, 16 * 8 * 8);            // (8, 1024)
            Tensor loss = SoftmaxCrossEntropy.mean(Affine.apply(h, dense, denseBias), LABELS);
            loss.backward();
            try (var ignored = Autograd.noGrad()) {
                for (Tensor p : parameters()) {
                    InPlace.sub(p, p.grad().mul(learningRate));
                    p.clearGrad();
                }
            }
            return loss.item();
        }
    }

    /** Every parameter and running statistic, concatenated. */
    float[] state() {
        Tensor[] all = {conv1, bias1, gamma, beta, runningMean, runningVariance, conv2, dense, denseBias};
        int n = 0;
        for (Tensor t : all) {
            n += t.size();
        }
        float[] out = new float[n];
        int at = 0;
        for (Tensor t : all) {
            float[] v = t.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }
}

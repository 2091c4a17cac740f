package org.advmusic.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.advmusic.engine.ops.Affine;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

/** End to end through the engine alone: an MLP learns a generated separable problem by plain gradient descent. */
class TinyMlpTrainingTest {

    @Test
    void mlpReachesNearPerfectTrainingAccuracy() {
        Backend r = Backends.reference();
        int n = 200;
        int classes = 4;
        SplittableRandom random = new SplittableRandom(7);
        double[] points = new double[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) { // four Gaussian blobs at the corners of a square
            labels[i] = i % classes;
            points[2 * i] = (labels[i] % 2 == 0 ? -1 : 1) + 0.3 * random.nextGaussian();
            points[2 * i + 1] = (labels[i] / 2 == 0 ? -1 : 1) + 0.3 * random.nextGaussian();
        }
        Tensor x = Tensor.fromArray(r, points, n, 2);
        Tensor w1 = Tensor.uniform(r, 1, Shape.of(16, 2), -0.7, 0.7).requiresGrad(true);
        Tensor b1 = Tensor.zeros(r, Shape.of(16)).requiresGrad(true);
        Tensor w2 = Tensor.uniform(r, 2, Shape.of(classes, 16), -0.25, 0.25).requiresGrad(true);
        Tensor b2 = Tensor.zeros(r, Shape.of(classes)).requiresGrad(true);
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        int[] predicted = null;
        for (int step = 0; step < 150; step++) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor logits = Affine.apply(Affine.apply(x, w1, b1).tanh(), w2, b2);
                Tensor loss = SoftmaxCrossEntropy.mean(logits, labels);
                loss.backward();
                for (Tensor p : new Tensor[] {w1, b1, w2, b2}) {
                    InPlace.sub(p, p.grad().mul(0.5));
                    p.zeroGrad();
                }
                lastLoss = loss.item();
                firstLoss = step == 0 ? lastLoss : firstLoss;
                predicted = logits.argmaxLastAxis();
            }
        }
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        double accuracy = (double) correct / n;
        assertTrue(accuracy >= 0.97, "training accuracy " + accuracy + " (chance 0.25)");
        assertTrue(lastLoss < firstLoss / 5, "loss fell from " + firstLoss + " to only " + lastLoss);
    }
}

package org.advmusic.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The backward paths of {@link BatchNorm} that the gradient checks do not isolate: the input gradient
 * alone (the attack path, where the parameters' sums are skipped) and a running mean updated in place
 * between the forward and the backward pass, on both the reference and the CPU backend.
 */
class BatchNormTest {
    private static final Shape CHANNELS = Shape.of(3);

    private static Tensor[] inputs(Backend backend) {
        return new Tensor[] {Tensor.uniform(backend, 1, Shape.of(4, 3, 5, 2), -1, 2),
            Tensor.uniform(backend, 2, CHANNELS, 0.5, 1.5), Tensor.uniform(backend, 3, CHANNELS, -1, 1)};
    }

    private static Tensor normalize(Tensor[] in, boolean training, Tensor runningMean) {
        return normalize(in, training, runningMean, false);
    }

    private static Tensor normalize(Tensor[] in, boolean training, Tensor runningMean, boolean rectified) {
        Tensor runningVariance = Tensor.full(in[0].backend(), CHANNELS, 1.3);
        return training ? BatchNorm.training(in[0], in[1], in[2], runningMean, runningVariance, 0.1, 1e-5, rectified)
                : BatchNorm.inference(in[0], in[1], in[2], runningMean, runningVariance, 1e-5, rectified);
    }

    @Test
    void theInputGradientAloneEqualsTheInputGradientOfTheFullBackward() {
        for (Backend backend : new Backend[] {Backends.reference(), Backends.get("cpu")}) {
            for (int variant = 0; variant < 4; variant++) {
                boolean training = variant % 2 == 0;
                boolean rectified = variant >= 2; // with fixed statistics, the one-pass rectified gradient
                Tensor[] all = inputs(backend);
                for (Tensor t : all) {
                    t.requiresGrad(true);
                }
                Tensor seed = Tensor.uniform(backend, 4, all[0].shape(), -1, 1);
                Tensor full = Autograd.gradWithSeed(normalize(all, training, Tensor.full(backend, CHANNELS, 0.2),
                        rectified), seed, all)[0];
                Tensor[] inputOnly = inputs(backend);
                inputOnly[0].requiresGrad(true);
                Tensor alone = Autograd.gradWithSeed(normalize(inputOnly, training,
                        Tensor.full(backend, CHANNELS, 0.2), rectified), seed, inputOnly[0])[0];
                assertArrayEquals(full.toDoubleArray(), alone.toDoubleArray(), 0,
                        backend.name() + (training ? " training" : " inference") + (rectified ? " rectified" : ""));
                assertNull(inputOnly[1].grad(), "gamma needs no gradient");
            }
        }
    }

    @Test
    void inferenceBackwardUsesTheRunningMeanOfItsForwardPass() {
        for (Backend backend : new Backend[] {Backends.reference(), Backends.get("cpu")}) {
            Tensor[] expectedInputs = inputs(backend);
            Tensor[] changedInputs = inputs(backend);
            for (int i = 0; i < 3; i++) {
                expectedInputs[i].requiresGrad(true);
                changedInputs[i].requiresGrad(true);
            }
            Tensor seed = Tensor.uniform(backend, 5, expectedInputs[0].shape(), -1, 1);
            Tensor[] expected = Autograd.gradWithSeed(normalize(expectedInputs, false,
                    Tensor.full(backend, CHANNELS, 0.2)), seed, expectedInputs);
            Tensor runningMean = Tensor.full(backend, CHANNELS, 0.2);
            Tensor y = normalize(changedInputs, false, runningMean);
            InPlace.fill(runningMean, -3); // as a training step between an attack's forward and backward would
            Tensor[] actual = Autograd.gradWithSeed(y, seed, changedInputs);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i].toDoubleArray(), actual[i].toDoubleArray(), 0,
                        backend.name() + ": gradient of input " + i);
            }
        }
    }
}

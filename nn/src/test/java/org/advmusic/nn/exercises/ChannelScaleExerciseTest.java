package org.advmusic.nn.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.GradCheck;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;
import org.advmusic.nn.ModuleGradCheck;
import org.advmusic.nn.Parameter;
import org.advmusic.nn.Sequential;
import org.advmusic.nn.layers.Conv2d;
import org.junit.jupiter.api.Test;

/**
 * docs/READING.md, exercise 2 (write a layer), worked solution: a learnable per-channel scale (as in
 * "LayerScale"), a parameter around an operation, usable in a {@link Sequential} after a convolution,
 * with its gradients checked for the input and the parameter.
 */
class ChannelScaleExerciseTest {
    private final Backend reference = GradCheck.reference();

    /** {@code y[n, c, ...] = x[n, c, ...] * weight[c]}, the weight initialised to ones. */
    static final class ChannelScale extends Module {
        private final Parameter weight;
        private final int channels;

        ChannelScale(Backend backend, int channels) {
            this.channels = channels;
            weight = addParameter("weight", () -> Tensor.ones(backend, Shape.of(channels)));
        }

        /** (N, C, H, W) -> the same shape */
        @Override
        protected Tensor compute(Tensor input, Capture capture) {
            if (input.rank() != 4 || input.dim(1) != channels) {
                throw new IllegalArgumentException("ChannelScale: input has shape " + input.shape()
                        + ", expected (N, " + channels + ", H, W)");
            }
            return input.mul(weight.value().reshape(1, channels, 1, 1)); // broadcast over N, H, W
        }
    }

    @Test
    void itScalesEachChannelAndItsGradientsAreRight() {
        ChannelScale layer = new ChannelScale(reference, 2);
        assertEquals(List.of("weight"), List.copyOf(layer.stateDict().keySet()));
        Tensor x = Tensor.uniform(reference, 182, Shape.of(2, 2, 3, 3), -1, 1);
        assertArrayEquals(x.toDoubleArray(), layer.forward(x).toDoubleArray(), 0.0);
        double worst = ModuleGradCheck.check("channel scale", layer, Tensor.uniform(reference, 183, Shape.of(2, 2, 3, 3), -1, 1));
        assertTrue(worst < GradCheck.TOLERANCE, "relative error " + worst);
    }

    @Test
    void itComposesWithTheLibraryLayers() {
        Sequential net = new Sequential(new Conv2d(reference, 1, 2, 3, 1, 1, true, 7), new ChannelScale(reference, 2));
        assertEquals(List.of("0.weight", "0.bias", "1.weight"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(Shape.of(2, 2, 5, 5), net.forward(Tensor.uniform(reference, 184, Shape.of(2, 1, 5, 5), 0, 1)).shape());
    }
}

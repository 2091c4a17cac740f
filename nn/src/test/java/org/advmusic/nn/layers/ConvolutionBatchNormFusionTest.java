package org.advmusic.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BackendOptions;
import org.advmusic.engine.Backends;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.ForwardResult;
import org.advmusic.nn.Module;
import org.advmusic.nn.Parameter;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.models.GenreCnn;
import org.junit.jupiter.api.Test;

/**
 * In evaluation mode a convolution followed by a batch norm (and a ReLU) runs as one operation
 * ({@link org.advmusic.engine.ops.NormalizedConvolution}): a GenreCnn (half width, so that most convolutions run
 * Winograd on the CPU backend) gives the same logits and input gradient, to the bit, as the network computed
 * layer by layer (captures of the convolutions' outputs turn the fusion off), and every parameter's gradient
 * within float32 rounding (the batch norm's parameter gradients are summed in another order); the captured
 * ReLU outputs are the fused operation's, training mode never fuses, and the numbers do not depend on the
 * thread count.
 */
class ConvolutionBatchNormFusionTest {
    private static final int[] LABELS = {0, 3, 7};

    /** A half-width GenreCnn with random batch-norm scales, shifts and running statistics, in evaluation mode. */
    private static GenreCnn network(Backend backend) {
        GenreCnn model = new GenreCnn(Shape.of(1, 24, 20), 10, 0.5, backend, 5);
        long seed = 100;
        for (Module m : model.namedModules().values()) {
            if (m instanceof BatchNorm2d norm) {
                Shape c = Shape.of(norm.channels());
                InPlace.copy(norm.weight().value(), Tensor.uniform(backend, seed++, c, 0.5, 1.5));
                InPlace.copy(norm.bias().value(), Tensor.uniform(backend, seed++, c, -0.3, 0.3));
                InPlace.copy(norm.runningMean(), Tensor.uniform(backend, seed++, c, -0.2, 0.2));
                InPlace.copy(norm.runningVariance(), Tensor.uniform(backend, seed++, c, 0.3, 2));
            }
        }
        model.eval();
        return model;
    }

    /** The logits, the input gradient and each parameter's gradient of the cross-entropy, capturing {@code paths}. */
    private static double[][] pass(GenreCnn model, Tensor x, Set<String> paths) {
        Tensor input = x.detach().requiresGrad(true);
        ForwardResult result = model.forward(input, paths);
        Tensor loss = new CrossEntropyLoss(0).mean(result.output(), LABELS);
        Parameter[] parameters = model.parameters().toArray(new Parameter[0]);
        Tensor[] wanted = new Tensor[parameters.length + 1];
        wanted[0] = input;
        for (int i = 0; i < parameters.length; i++) {
            wanted[i + 1] = parameters[i].value();
        }
        Tensor[] gradients = Autograd.grad(loss, wanted);
        double[][] out = new double[gradients.length + 1][];
        out[0] = result.output().toDoubleArray();
        for (int i = 0; i < gradients.length; i++) {
            out[i + 1] = gradients[i].toDoubleArray();
        }
        return out;
    }

    private static Set<String> convolutions(GenreCnn model) {
        Set<String> paths = new HashSet<>();
        model.namedModules().forEach((path, m) -> {
            if (m instanceof Conv2d) {
                paths.add(path);
            }
        });
        return paths;
    }

    @Test
    void fusedEqualsLayerByLayerForOutputsAndEveryGradient() {
        Backend cpu = Backends.get("cpu");
        GenreCnn model = network(cpu);
        Tensor x = Tensor.rand(cpu, 7, Shape.of(3, 1, 24, 20));
        double[][] fused = pass(model, x, Set.of());
        double[][] separate = pass(model, x, convolutions(model));
        assertArrayEquals(separate[0], fused[0], 0.0, "logits");
        assertArrayEquals(separate[1], fused[1], 0.0, "input gradient");
        for (int i = 2; i < fused.length; i++) {
            double largest = 0;
            for (double v : separate[i]) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertTrue(largest > 0, "gradient " + i + " is all zero: the comparison would prove nothing");
            for (int j = 0; j < fused[i].length; j++) {
                assertEquals(separate[i][j], fused[i][j], 1e-5 * largest, "gradient of parameter " + (i - 2)
                        + " (state-dict order), element " + j);
            }
        }
    }

    @Test
    void capturedReluOutputsAreTheFusedOperationsAndTrainingModeNeverFuses() {
        Backend cpu = Backends.get("cpu");
        GenreCnn model = network(cpu);
        Tensor x = Tensor.rand(cpu, 8, Shape.of(3, 1, 24, 20)).requiresGrad(true);
        String relu = "features.1.relu2";
        assertEquals("NormalizedConvolution",
                model.forward(x, Set.of(relu)).activations().get(relu).gradFunction().name());
        assertEquals("BatchNorm", model.forward(x, Set.of(relu, "features.1.conv2")).activations().get(relu)
                .gradFunction().name(), "a captured convolution is computed on its own");
        model.train();
        assertEquals("BatchNorm", model.forward(x, Set.of(relu)).activations().get(relu).gradFunction().name());
    }

    @Test
    void fusedNumbersDoNotDependOnTheThreadCount() {
        double[][] one = null;
        for (int threads : new int[] {1, 2, 3}) {
            Backend cpu = Backends.get("cpu", BackendOptions.defaults().withThreads(threads));
            double[][] result = pass(network(cpu), Tensor.rand(cpu, 7, Shape.of(3, 1, 24, 20)), Set.of());
            if (one == null) {
                one = result;
            } else {
                for (int i = 0; i < one.length; i++) {
                    assertArrayEquals(one[i], result[i], 0.0, "quantity " + i + ", 1 vs " + threads + " threads");
                }
            }
        }
    }
}

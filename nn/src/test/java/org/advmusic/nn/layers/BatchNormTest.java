package org.advmusic.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Sequential;
import org.junit.jupiter.api.Test;

class BatchNormTest {
    private final Backend backend = Backends.reference();
    /** Two channels over a batch of 4: channel 0 holds 1, 2, 3, 4 and channel 1 holds 10, 10, 20, 20. */
    private final Tensor x = Tensor.fromArray(backend, new double[] {1, 10, 2, 10, 3, 20, 4, 20}, 4, 2);

    @Test
    void trainingNormalisesWithBatchStatisticsAndUpdatesRunningOnesLikePyTorch() {
        BatchNorm1d bn = new BatchNorm1d(backend, 2);
        double[] y = bn.forward(x).toDoubleArray();
        // channel 0: mean 2.5, biased variance 1.25
        double s = 1 / Math.sqrt(1.25 + 1e-5);
        assertArrayEquals(new double[] {-1.5 * s, -0.5 * s, 0.5 * s, 1.5 * s}, new double[] {y[0], y[2], y[4], y[6]}, 1e-12);
        // running = 0.9 * initial + 0.1 * batch value, with the unbiased variance (5/3 and 100/3)
        assertArrayEquals(new double[] {0.25, 1.5}, bn.runningMean().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0.9 + 0.1 * 5 / 3.0, 0.9 + 0.1 * 100 / 3.0}, bn.runningVariance().toDoubleArray(), 1e-12);
        assertEquals(1.0, bn.stateDict().get("num_batches_tracked").item());
    }

    @Test
    void evaluationUsesRunningStatisticsAndModifiesNothing() {
        BatchNorm1d bn = new BatchNorm1d(backend, 2);
        InPlace.copy(bn.runningMean(), Tensor.fromArray(backend, new double[] {1, 10}, 2));
        InPlace.copy(bn.runningVariance(), Tensor.fromArray(backend, new double[] {4, 25}, 2));
        bn.eval();
        double[] y = bn.forward(x).toDoubleArray();
        assertEquals((1 - 1) / Math.sqrt(4 + 1e-5), y[0], 1e-12);
        assertEquals((20 - 10) / Math.sqrt(25 + 1e-5), y[7], 1e-12);
        assertArrayEquals(new double[] {1, 10}, bn.runningMean().toDoubleArray());
        assertArrayEquals(new double[] {4, 25}, bn.runningVariance().toDoubleArray());
        assertEquals(0.0, bn.stateDict().get("num_batches_tracked").item());
    }

    @Test
    void aBatchNormFollowedByReluInASequenceEqualsTheTwoSeparatelyAndKeepsCapturesWorking() {
        for (boolean training : new boolean[] {true, false}) {
            Sequential fused = new Sequential(new BatchNorm1d(backend, 2), new ReLU());
            BatchNorm1d separate = new BatchNorm1d(backend, 2);
            ReLU relu = new ReLU();
            if (!training) {
                fused.eval();
                separate.eval();
            }
            Tensor input = x.detach().requiresGrad(true);
            Tensor expected = relu.forward(separate.forward(input));
            Tensor[] expectedGrad = Autograd.grad(expected.mul(expected).sum(), input,
                    separate.parameters().get(0).value());
            Tensor actual = fused.forward(input);
            Tensor[] actualGrad = Autograd.grad(actual.mul(actual).sum(), input,
                    fused.parameters().get(0).value());
            assertEquals("BatchNorm", actual.gradFunction().name(), "the pair ran as one fused operation");
            assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-12);
            assertArrayEquals(expectedGrad[0].toDoubleArray(), actualGrad[0].toDoubleArray(), 1e-12);
            assertArrayEquals(expectedGrad[1].toDoubleArray(), actualGrad[1].toDoubleArray(), 1e-12);
            BatchNorm1d fusedBn = (BatchNorm1d) fused.get(0);
            assertArrayEquals(separate.runningMean().toDoubleArray(), fusedBn.runningMean().toDoubleArray(), 1e-12);
        }
        // a capture of the ReLU's output alone keeps the fusion; one of the batch norm's output gets it
        Sequential net = new Sequential(new BatchNorm1d(backend, 2), new ReLU());
        Capture reluOnly = Capture.of(net, Set.of("1"));
        Tensor out = net.forward(x, reluOnly);
        assertSame(out, reluOnly.activations().get("1"));
        Capture both = Capture.of(net, Set.of("0", "1"));
        out = net.forward(x, both);
        assertSame(out, both.activations().get("1"));
        assertTrue(both.activations().get("0").toDoubleArray()[0] < 0, "the normalised values before the ReLU");
        assertArrayEquals(out.toDoubleArray(), both.activations().get("0").relu().toDoubleArray(), 0.0);
    }

    @Test
    void stateDictHasPyTorchNamesAndDefaults() {
        BatchNorm2d bn = new BatchNorm2d(backend, 3);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(bn.stateDict().keySet()));
        assertArrayEquals(new double[] {1, 1, 1}, bn.stateDict().get("weight").toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0}, bn.stateDict().get("bias").toDoubleArray());
        assertEquals(2, bn.parameters().size(), "running statistics are buffers, not parameters");
    }

    @Test
    void wrongChannelCountIsReportedWithTheExpectedLayout() {
        BatchNorm2d bn = new BatchNorm2d(backend, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.zeros(backend, Shape.of(4, 2, 5, 5))));
        assertTrue(e.getMessage().contains("(4, 2, 5, 5)") && e.getMessage().contains("(N, 3, H, W)"), e.getMessage());
    }
}

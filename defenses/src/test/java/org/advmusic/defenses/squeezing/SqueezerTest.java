package org.advmusic.defenses.squeezing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.attacks.InputBox;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.StraightThrough;
import org.junit.jupiter.api.Test;

class SqueezerTest {
    private static final Backend R = Backends.reference();

    @Test
    void bitDepthRoundsToEvenlySpacedLevelsOfTheBox() {
        Tensor x = Tensor.fromArray(R, new double[] {0.2, 0.5, 0.51, 0.9, 0.3, 1.0}, 1, 6);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 1}, new BitDepthSqueezer(1, InputBox.UNIT).apply(x).toDoubleArray(), 0);
        // 3 bits: levels k/7; 0.3 * 7 = 2.1 -> 2/7, 0.5 * 7 = 3.5 -> 4/7 (half to even), 0.9 * 7 = 6.3 -> 6/7
        double[] three = new BitDepthSqueezer(3, InputBox.UNIT).apply(x).toDoubleArray();
        assertEquals(2.0 / 7, three[4], 1e-12);
        assertEquals(4.0 / 7, three[1], 1e-12);
        assertEquals(6.0 / 7, three[3], 1e-12);
        // a [-80, 0] box: 1 bit gives -80 or 0
        Tensor db = Tensor.fromArray(R, new double[] {-70, -30, -10}, 3);
        assertArrayEquals(new double[] {-80, 0, 0}, new BitDepthSqueezer(1, new InputBox(-80, 0)).apply(db).toDoubleArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> new BitDepthSqueezer(9, InputBox.UNIT));
    }

    @Test
    void medianFilterMatchesScipy() {
        Tensor plane = Tensor.fromArray(R, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        // scipy.ndimage.median_filter(a, size=3, mode='reflect') and size=2
        assertArrayEquals(new double[] {2, 3, 3, 4, 5, 6, 7, 7, 8},
                new MedianFilterSqueezer(3, 3).apply(plane).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 4, 5, 7, 7, 8},
                new MedianFilterSqueezer(2, 2).apply(plane).toDoubleArray(), 0);
        Tensor b = Tensor.fromArray(R, new double[] {0.9, 0.1, 0.4, 0.7, 0.3, 0.8, 0.2, 0.6, 0.5, 0.0, 1.0, 0.35}, 1, 3, 4);
        assertArrayEquals(new double[] {0.9, 0.9, 0.4, 0.7, 0.9, 0.8, 0.4, 0.6, 0.5, 0.5, 0.8, 0.6},
                new MedianFilterSqueezer(2, 2).apply(b).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0.8, 0.4, 0.4, 0.6, 0.5, 0.4, 0.4, 0.6, 0.5, 0.5, 0.35, 0.35},
                new MedianFilterSqueezer(3, 3).apply(b).toDoubleArray(), 0);
    }

    @Test
    void medianFilterWorksPlaneByPlane() {
        Tensor two = Tensor.uniform(R, 3, Shape.of(2, 3, 5, 6), 0, 1);
        Tensor filtered = new MedianFilterSqueezer(3, 3).apply(two);
        Tensor second = new MedianFilterSqueezer(3, 3).apply(two.narrow(0, 1, 1).narrow(1, 2, 1));
        assertArrayEquals(second.toDoubleArray(), filtered.narrow(0, 1, 1).narrow(1, 2, 1).toDoubleArray(), 0);
    }

    @Test
    void reflectionRepeatsTheEdge() {
        int[] expected = {1, 0, 0, 1, 2, 3, 3, 2}; // indices -2..5 of a length-4 axis: b a | a b c d | d c
        for (int i = -2; i <= 5; i++) {
            assertEquals(expected[i + 2], MedianFilterSqueezer.reflect(i, 4), "index " + i);
        }
    }

    @Test
    void composedSqueezersApplyInOrder() {
        Tensor x = Tensor.uniform(R, 4, Shape.of(1, 1, 4, 4), 0, 1);
        Squeezer both = new ComposedSqueezer(java.util.List.of(new MedianFilterSqueezer(2, 2), new BitDepthSqueezer(2, InputBox.UNIT)));
        Tensor expected = new BitDepthSqueezer(2, InputBox.UNIT).apply(new MedianFilterSqueezer(2, 2).apply(x));
        assertArrayEquals(expected.toDoubleArray(), both.apply(x).toDoubleArray(), 0);
        assertEquals("median-2x2+bit-depth-2", both.name());
    }

    @Test
    void bpdaPassesTheGradientThroughUnchangedAndBlockingStopsIt() {
        Squeezer squeezer = new BitDepthSqueezer(2, InputBox.UNIT);
        Tensor x = Tensor.uniform(R, 5, Shape.of(2, 6), 0, 1).requiresGrad(true);
        Tensor weights = Tensor.uniform(R, 6, Shape.of(2, 6), -1, 1);
        Tensor through = StraightThrough.apply(x, squeezer::apply);
        assertArrayEquals(squeezer.apply(x).toDoubleArray(), through.toDoubleArray(), 0);
        Tensor[] g = Autograd.grad(through.mul(weights).sum(), x);
        assertArrayEquals(weights.toDoubleArray(), g[0].toDoubleArray(), 0, "d/dx of sum(R * bpda(x)) must be R");
        Tensor blocked = squeezer.apply(x);
        assertTrue(!blocked.requiresGrad(), "a plain squeezer output is not connected to the input");
    }

    @Test
    void calibrationFlagsExactlyTheCeilingOfTheRate() {
        for (int n : new int[] {10, 30, 40, 101}) {
            double[] scores = Tensor.uniform(R, n, Shape.of(n), 0, 1).toDoubleArray();
            FeatureSqueezingDetector detector = new FeatureSqueezingDetector(b -> b, java.util.List.of(new BitDepthSqueezer(1, InputBox.UNIT)));
            detector.calibrate(scores, 0.05);
            int flagged = 0;
            for (boolean f : detector.flags(scores)) {
                flagged += f ? 1 : 0;
            }
            assertEquals((int) Math.ceil(0.05 * n), flagged, "n = " + n);
        }
    }

    @Test
    void rocAndAucOfKnownScores() {
        double[] negatives = {0.1, 0.2, 0.3, 0.4};
        double[] positives = {0.35, 0.5, 0.6};
        assertEquals(11.0 / 12, DetectorEvaluation.auc(negatives, positives), 1e-12); // 0.35 beats 3 of 4
        double[][] roc = DetectorEvaluation.roc(negatives, positives);
        assertEquals(0, roc[0][0]);
        assertEquals(1, roc[0][roc[0].length - 1]);
        assertEquals(1, roc[1][roc[1].length - 1]);
        assertEquals(0.5, DetectorEvaluation.auc(new double[] {0.3}, new double[] {0.3}), 0);
    }
}

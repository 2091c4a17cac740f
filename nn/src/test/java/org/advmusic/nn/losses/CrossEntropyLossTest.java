package org.advmusic.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.GradCheck;
import org.advmusic.engine.testing.TestTensors;
import org.junit.jupiter.api.Test;

class CrossEntropyLossTest {
    private final Backend backend = GradCheck.reference();
    private final double[] logits = {1.0, 2.0, 0.5, -1.0, 0.0, 3.0};
    private final int[] labels = {1, 0};

    /** -log softmax(row)[k] */
    private static double negativeLogProbability(double[] row, int k) {
        double total = 0;
        for (double v : row) {
            total += Math.exp(v);
        }
        return Math.log(total) - row[k];
    }

    @Test
    void smoothedLossMixesTheLabelAndTheUniformTarget() {
        double s = 0.1;
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double[] row = {logits[3 * i], logits[3 * i + 1], logits[3 * i + 2]};
            double uniform = 0;
            for (int k = 0; k < 3; k++) {
                uniform += negativeLogProbability(row, k) / 3;
            }
            expected += ((1 - s) * negativeLogProbability(row, labels[i]) + s * uniform) / 2;
        }
        Tensor x = Tensor.fromArray(backend, logits, 2, 3);
        assertEquals(expected, new CrossEntropyLoss(s).mean(x, labels).item(), 1e-14);
        assertEquals((negativeLogProbability(new double[] {1, 2, 0.5}, 1)
                + negativeLogProbability(new double[] {-1, 0, 3}, 0)) / 2, new CrossEntropyLoss().mean(x, labels).item(), 1e-14);
    }

    @Test
    void smoothedLossGradientMatchesCentralDifferences() {
        assertTrue(GradCheck.check("smoothed cross-entropy", in -> new CrossEntropyLoss(0.2).mean(in[0], new int[] {2, 0, 1}),
                TestTensors.uniform(backend, 3, -2, 2, 3, 4)) <= GradCheck.TOLERANCE);
    }

    @Test
    void labelOutOfRangeAndBadSmoothingAreRejected() {
        Tensor x = Tensor.fromArray(backend, logits, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().mean(x, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(1.0));
    }
}

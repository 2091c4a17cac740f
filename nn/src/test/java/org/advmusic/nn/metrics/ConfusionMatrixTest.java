package org.advmusic.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    // actual:    0 0 0 1 1 2 2 2
    // predicted: 0 0 1 1 2 2 2 0
    private final ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 0, 1, 1, 2, 2, 2},
            new int[] {0, 0, 1, 1, 2, 2, 2, 0}, 4);

    @Test
    void countsAndAccuracy() {
        assertArrayEquals(new long[] {2, 1, 0, 0}, m.counts()[0]);
        assertEquals(1, m.count(2, 0));
        assertEquals(8, m.total());
        assertEquals(5 / 8.0, m.accuracy());
        assertEquals(5 / 8.0, Metrics.accuracy(new int[] {0, 0, 0, 1, 1, 2, 2, 2}, new int[] {0, 0, 1, 1, 2, 2, 2, 0}));
    }

    @Test
    void perClassPrecisionRecallAccuracyAndF1() {
        assertEquals(2 / 3.0, m.precision(0), 1e-15);
        assertEquals(2 / 3.0, m.recall(0), 1e-15);
        assertEquals(0.5, m.precision(1), 1e-15);
        assertEquals(0.5, m.recall(1), 1e-15);
        assertEquals(2 / 3.0, m.precision(2), 1e-15);
        assertEquals(2 / 3.0, m.classAccuracy(2), 1e-15);
        assertEquals(2 * 0.5 * 0.5 / (0.5 + 0.5), m.f1(1), 1e-15);
        assertEquals(0, m.precision(3), "no sample predicted as 3");
    }

    @Test
    void macroF1AveragesOverTheClassesThatOccur() {
        assertEquals((2 / 3.0 + 0.5 + 2 / 3.0) / 3, m.macroF1(), 1e-15);
    }

    @Test
    void rejectsClassesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> m.add(4, 0));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 1}, 2));
    }
}

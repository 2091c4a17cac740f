package org.advmusic.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Stochastic;
import org.junit.jupiter.api.Test;

class DropoutTest {
    private final Backend backend = Backends.reference();
    private final Tensor ones = Tensor.ones(backend, Shape.of(100, 100));

    @Test
    void trainingZeroesAboutPAndScalesTheRestByOneOverOneMinusP() {
        double[] out = new Dropout(0.3, 1).forward(ones).toDoubleArray();
        long zeros = Arrays.stream(out).filter(v -> v == 0).count();
        assertEquals(0.3, zeros / 10000.0, 0.02);
        assertTrue(Arrays.stream(out).allMatch(v -> v == 0 || Math.abs(v - 1 / 0.7) < 1e-12));
    }

    @Test
    void evaluationPassesTheInputUnchanged() {
        Dropout dropout = new Dropout(0.5, 2);
        dropout.eval();
        assertSame(ones, dropout.forward(ones));
        assertEquals(0, dropout.randomStream().counter(), "evaluation draws no random numbers");
    }

    @Test
    void everyTrainingPassDrawsANewMaskAndRestoringTheCounterRepeatsIt() {
        Dropout dropout = new Dropout(0.5, 3);
        double[] first = dropout.forward(ones).toDoubleArray();
        double[] second = dropout.forward(ones).toDoubleArray();
        assertFalse(Arrays.equals(first, second));
        assertEquals(new Stochastic.RandomStream(3, 2), dropout.randomStream());

        dropout.restoreRandomStream(new Stochastic.RandomStream(3, 1));
        assertArrayEquals(second, dropout.forward(ones).toDoubleArray());
        assertArrayEquals(first, new Dropout(0.5, 3).forward(ones).toDoubleArray(), "same seed, same masks");
    }

    @Test
    void rejectsAProbabilityOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, 0));
        assertTrue(e.getMessage().contains("1.0"), e.getMessage());
    }
}

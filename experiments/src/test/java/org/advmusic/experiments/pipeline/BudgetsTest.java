package org.advmusic.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.engine.Shape;
import org.junit.jupiter.api.Test;

/** The budget table refuses budgets that the input box makes meaningless, and serves every stage's threat model. */
class BudgetsTest {
    @Test
    void aBudgetWiderThanTheBoxIsRefused() {
        IllegalArgumentException linf = assertThrows(IllegalArgumentException.class,
                () -> Budgets.of(Norm.LINF, InputBox.UNIT, new double[] {0, 0.5, 1.5}, 0.5, Shape.of(4)));
        assertTrue(linf.getMessage().contains("1.5") && linf.getMessage().contains("at most 1.0"), linf.getMessage());
        // L2 reaches as far as the box's diagonal: sqrt(4) = 2 for 4 inputs in [0, 1]
        Budgets l2 = Budgets.of(Norm.L2, InputBox.UNIT, new double[] {0, 1.5}, 1.5, Shape.of(4));
        assertThrows(IllegalArgumentException.class, () -> Budgets.of(Norm.L2, InputBox.UNIT, new double[] {0, 2.5}, 2.5, Shape.of(4)));
        assertArrayEquals(new double[] {1.5}, l2.positive());
        assertEquals(1.5, l2.atReference().epsilon());
        assertEquals(Double.POSITIVE_INFINITY, l2.unbounded().epsilon());
    }
}

package org.advmusic.attacks.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link LevenbergMarquardt} on least-squares problems whose minimum is known. */
class LevenbergMarquardtTest {

    @Test
    void fitsAnExponentialFromAFarStartWithinTheBudget() {
        double[] t = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < t.length; i++) {
            t[i] = i / 10.0;
            y[i] = 2.0 * Math.exp(-1.3 * t[i]) + 0.5;
        }
        AtomicInteger calls = new AtomicInteger();
        LevenbergMarquardt.Residuals residuals = p -> {
            calls.incrementAndGet();
            double[] r = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                r[i] = p[0] * Math.exp(p[1] * t[i]) + p[2] - y[i];
            }
            return r;
        };
        LevenbergMarquardt.Result result = LevenbergMarquardt.minimise(residuals, new double[] {1, 0, 0},
                new double[] {1e-6, 1e-6, 1e-6}, new double[] {-10, -10, -10}, new double[] {10, 10, 10}, 200);
        assertEquals(2.0, result.parameters()[0], 1e-4);
        assertEquals(-1.3, result.parameters()[1], 1e-4);
        assertEquals(0.5, result.parameters()[2], 1e-4);
        assertTrue(result.cost() < 1e-8, "cost " + result.cost());
        assertEquals(calls.get(), result.evaluations());
        assertTrue(result.evaluations() <= 200, "evaluations " + result.evaluations());
    }

    @Test
    void rosenbrockReachesItsValleyFloorAndStaysInTheBox() {
        LevenbergMarquardt.Residuals rosenbrock = p -> new double[] {10 * (p[1] - p[0] * p[0]), 1 - p[0]};
        LevenbergMarquardt.Result free = LevenbergMarquardt.minimise(rosenbrock, new double[] {-1.2, 1},
                new double[] {1e-7, 1e-7}, new double[] {-5, -5}, new double[] {5, 5}, 300);
        assertEquals(1.0, free.parameters()[0], 1e-4);
        assertEquals(1.0, free.parameters()[1], 1e-4);
        LevenbergMarquardt.Result boxed = LevenbergMarquardt.minimise(rosenbrock, new double[] {-1.2, 0.2},
                new double[] {1e-7, 1e-7}, new double[] {-5, -5}, new double[] {0.5, 0.25}, 300);
        assertTrue(boxed.parameters()[0] <= 0.5 && boxed.parameters()[1] <= 0.25, java.util.Arrays.toString(boxed.parameters()));
        assertEquals(0.5, boxed.parameters()[0], 1e-3);
    }

    @Test
    void aBudgetTooSmallForAJacobianEvaluatesOnlyTheStartAndBadSizesAreNamed() {
        LevenbergMarquardt.Result result = LevenbergMarquardt.minimise(p -> new double[] {p[0] - 3, p[1]},
                new double[] {0, 0}, new double[] {1e-6, 1e-6}, new double[] {-9, -9}, new double[] {9, 9}, 3);
        assertEquals(1, result.evaluations());
        assertEquals(9.0, result.cost(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LevenbergMarquardt.minimise(
                p -> p, new double[2], new double[1], new double[2], new double[2], 10));
        assertTrue(e.getMessage().contains("1 steps"), e.getMessage());
    }
}

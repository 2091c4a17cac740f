package org.advmusic.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Parameter;
import org.advmusic.nn.optim.Optimizer;
import org.advmusic.nn.optim.Sgd;
import org.junit.jupiter.api.Test;

/** Learning-rate schedules follow PyTorch's StepLR, CosineAnnealingLR and ReduceLROnPlateau. */
class SchedulerTest {

    private static Optimizer sgd(double learningRate) {
        return new Sgd(Map.of("w", new Parameter(Tensor.zeros(Backends.reference(), Shape.of(1)))), learningRate);
    }

    private static EpochRecord epoch(int epoch, double validationLoss) {
        return new EpochRecord(epoch, 1.0, 0.5, validationLoss, 0.5, 0.0, 0.0);
    }

    /** The learning rate after each of the given epochs. */
    private static double[] rates(Optimizer optimizer, LearningRateScheduler scheduler, double... validationLosses) {
        double[] out = new double[validationLosses.length];
        for (int e = 0; e < out.length; e++) {
            scheduler.epochEnded(epoch(e + 1, validationLosses[e]));
            out[e] = optimizer.learningRate();
        }
        return out;
    }

    @Test
    void stepDecayMultipliesEveryStepSizeEpochs() {
        Optimizer o = sgd(0.1);
        assertArrayEquals(new double[] {0.1, 0.05, 0.05, 0.025, 0.025}, rates(o, new StepDecay(o, 2, 0.5), 0, 0, 0, 0, 0), 1e-15);
    }

    @Test
    void cosineAnnealingReachesTheMinimumAfterThePeriod() {
        Optimizer o = sgd(0.1);
        double[] r = rates(o, new CosineAnnealing(o, 4, 0.01), 0, 0, 0, 0);
        for (int e = 1; e <= 4; e++) {
            assertEquals(0.01 + 0.09 * (1 + Math.cos(Math.PI * e / 4)) / 2, r[e - 1], 1e-15);
        }
        assertEquals(0.01, r[3], 1e-15);
    }

    @Test
    void reduceOnPlateauHalvesAfterMoreThanPatienceEpochsWithoutRelativeImprovement() {
        Optimizer o = sgd(0.1);
        ReduceOnPlateau plateau = new ReduceOnPlateau(o, Monitor.VALIDATION_LOSS, 0.5, 2, 0.0);
        // 1.0 best; 0.99995 is not better than 1.0 by the relative threshold 1e-4; three bad epochs reduce
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05},
                rates(o, plateau, 1.0, 0.99995, 1.2, 1.1, 0.5, 0.6, 0.7), 1e-15);
        assertEquals(Map.of("best", 0.5, "bad_epochs", 2.0), plateau.state());
    }

    @Test
    void reduceOnPlateauContinuesFromASavedState() {
        Optimizer o = sgd(0.1);
        ReduceOnPlateau plateau = new ReduceOnPlateau(o, Monitor.VALIDATION_ACCURACY);
        plateau.restoreState(Map.of("best", 0.9, "bad_epochs", 5.0));
        plateau.epochEnded(new EpochRecord(7, 1.0, 0.5, 1.0, 0.8, 0.1, 0.0));
        assertEquals(0.05, o.learningRate(), 1e-15, "the sixth epoch without improvement exceeds the seed patience 5");
    }
}

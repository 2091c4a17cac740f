package org.advmusic.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fitted machine model: seconds = a / FMA + b / memory + c / L3 + d / L2, a, b, c, d >= 0. */
class MachineModelTest {

    private static final MachineModel TRUE = MachineModel.of(100, 6, 30, 120);

    /** Runs timed exactly as {@code model} predicts on machines whose three loops move independently. */
    private static List<MachineModel.Run> runs(MachineModel model, int count, long seed) {
        Random random = new Random(seed);
        List<MachineModel.Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Control machine = new Control(350 + 100 * random.nextDouble(), 30 + 50 * random.nextDouble(),
                    130 + 40 * random.nextDouble(), 450 + 200 * random.nextDouble());
            runs.add(new MachineModel.Run(model.predictedSeconds(machine), machine));
        }
        return runs;
    }

    @Test
    void recoversTheWorkOfEachPartFromRunsOnAChangingMachine() {
        MachineModel fitted = MachineModel.fit(runs(TRUE, 25, 1));
        for (int k = 0; k < 4; k++) {
            assertEquals(TRUE.work().get(k), fitted.work().get(k), 1e-6 * TRUE.work().get(k), Control.LOOP_NAMES[k]);
        }
        Control machine = new Control(400, 50, 150, 600);
        assertEquals(1.0, fitted.relativeTime(new MachineModel.Run(TRUE.predictedSeconds(machine), machine)), 1e-9);
        double[] shares = TRUE.shares(machine);
        assertEquals(0.25 / 0.77, shares[0], 1e-12);
        assertEquals(0.12 / 0.77, shares[1], 1e-12);
        assertEquals(0.2 / 0.77, shares[2], 1e-12);
        assertEquals(0.2 / 0.77, shares[3], 1e-12);
    }

    /**
     * Runs that got faster as the L3 loop got slower: a free fit would give the L3 part a negative work; here it
     * gets none, and the runs are explained by the other parts as well as they can be.
     */
    @Test
    void noPartHasNegativeWork() {
        List<MachineModel.Run> runs = new ArrayList<>();
        for (MachineModel.Run r : runs(MachineModel.of(100, 0, 0, 0), 20, 2)) {
            Control m = r.machine();
            runs.add(new MachineModel.Run(r.seconds() * Math.pow(m.sharedCacheGigabytesPerSecond() / 150, 0.5), m));
        }
        MachineModel fitted = MachineModel.fit(runs);
        assertEquals(0, fitted.work().get(2));
        assertTrue(fitted.work().get(0) > 0);
    }

    /** A machine whose three loops move together cannot tell the parts apart: the fit keeps one part. */
    @Test
    void loopsThatMoveTogetherGiveOnePart() {
        List<MachineModel.Run> runs = new ArrayList<>();
        for (double speed : new double[] {1, 0.5, 0.8}) {
            Control machine = new Control(400 * speed, 60 * speed, 150 * speed, 600 * speed);
            runs.add(new MachineModel.Run(0.01 / speed, machine));
        }
        MachineModel fitted = MachineModel.fit(runs);
        assertEquals(4, fitted.work().get(0), 1e-12);
        assertEquals(List.of(0.0, 0.0, 0.0), fitted.work().subList(1, 4));
    }

    @Test
    void noRunsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MachineModel.fit(List.of()));
        assertEquals("machine model: no runs to fit", e.getMessage());
    }
}

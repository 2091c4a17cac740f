package org.advmusic.experiments.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.SampleStatus;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.junit.jupiter.api.Test;

/** The typed attack report carries what the evaluation measured, in the units RESULTS.md states. */
class AttackReportTest {
    @Test
    void decibelsAreTheLinfNormsTimesTheMappingAndEmptyClassesAreNaN() {
        ThreatModel tm = new ThreatModel(Norm.LINF, 0.02, InputBox.UNIT, Targeting.untargeted());
        SampleStatus[] status = {SampleStatus.SUCCEEDED, SampleStatus.SUCCEEDED, SampleStatus.FAILED};
        RobustnessReport report = new RobustnessReport("PGD-Linf", tm, new int[] {0, 0, 1}, new int[] {0, 0, 1},
                new int[] {1, 1, 1}, status, new double[] {0.5, 0.7, 0.1}, new double[] {0.01, 0.02, 0.005},
                new long[] {10, 10, 10}, new long[3], List.of("a", "b", "c"), 80.0, 1.0, null);
        RobustnessMetrics.AttackReport typed = RobustnessMetrics.AttackReport.of(report);
        assertEquals(0.015 * 80, typed.perturbations().get("Linf_dB").mean(), 1e-12);
        assertEquals(0.015, typed.perturbations().get("Linf").mean(), 1e-12);
        assertEquals(2, typed.perturbations().get("L2").count());
        assertEquals(1.0 / 3, typed.robustAccuracy(), 1e-12);
        assertTrue(Double.isNaN(typed.perClass().get("c").cleanAccuracy()), "class c has no sample");
        assertEquals("Linf eps=0.02 box [0, 1] untargeted", typed.threatModel().describe());
    }
}

package org.advmusic.defenses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefenseComparisonTest {

    private static DefenseRow row(String name, double clean, double pgd001, double pgd003, EvaluationKind kind) {
        return new DefenseRow(name, name, clean, 0, Double.NaN, List.of(
                new DefenseRow.AttackedAccuracy("PGD-10", "Linf", 0.01, pgd001, kind),
                new DefenseRow.AttackedAccuracy("PGD-10", "Linf", 0.03, pgd003, kind)));
    }

    @Test
    void theBestDefensePerEpsilonIsJudgedOnAdaptiveNumbersOnly() {
        DefenseComparison comparison = new DefenseComparison(List.of(
                row("baseline", 0.80, 0.40, 0.10, EvaluationKind.WHITE_BOX),
                row("adversarial mixed", 0.76, 0.65, 0.45, EvaluationKind.WHITE_BOX),
                row("squeezing naive", 0.78, 0.95, 0.95, EvaluationKind.NAIVE),
                row("squeezing adaptive", 0.78, 0.70, 0.20, EvaluationKind.ADAPTIVE_BPDA)), List.of());
        List<DefenseComparison.Best> best = comparison.bestPerEpsilon("PGD-10", new double[] {0.01, 0.03});
        assertEquals("squeezing adaptive", best.get(0).model());
        assertEquals(0.30, best.get(0).gainOverBaseline(), 1e-12);
        assertEquals("adversarial mixed", best.get(1).model());
        assertEquals(0.45, comparison.bestPerEpsilon("PGD-10", new double[] {0.03}).get(0).accuracy());
        assertThrows(IllegalArgumentException.class, () -> new DefenseComparison(List.of(), List.of()));
    }
}

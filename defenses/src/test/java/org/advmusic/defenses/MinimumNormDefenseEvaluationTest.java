package org.advmusic.defenses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.Ddn;
import org.advmusic.attacks.Fmn;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.defenses.squeezing.BitDepthSqueezer;
import org.advmusic.defenses.squeezing.SqueezedClassifier;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.Concat;
import org.advmusic.nn.Classifier;
import org.junit.jupiter.api.Test;

/** Minimum-norm attacks on a linear model, whose minimal L2 perturbation is |w.x + b| / ||w||. */
class MinimumNormDefenseEvaluationTest {
    private static final int SAMPLES = 12;
    private static final int FEATURES = 6;
    private final Backend r = Backends.reference();
    private final double[] weights = {1.5, -2, 0.5, 1, -1, 2.5};
    private final Tensor w = Tensor.fromArray(r, weights, FEATURES, 1);
    private final Tensor x = Tensor.uniform(r, 4, Shape.of(SAMPLES, FEATURES), -1, 1);
    /** logits [0, w.x]: class 1 when the score is positive. */
    private final Classifier linear = batch -> Concat.apply(1, Tensor.zeros(r, Shape.of(batch.dim(0), 1)), batch.matmul(w));
    /** A box wide enough never to be active, so the closed form holds. */
    private final InputBox wide = new InputBox(-50, 50);

    private double[] exactNorms() {
        double[] values = x.toDoubleArray();
        double length = Math.sqrt(Arrays.stream(weights).map(v -> v * v).sum());
        double[] out = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            double s = 0;
            for (int f = 0; f < FEATURES; f++) {
                s += weights[f] * values[i * FEATURES + f];
            }
            out[i] = Math.abs(s) / length;
        }
        return out;
    }

    /** The model's own predictions as labels, so every sample is correctly classified. */
    private int[] labels() {
        return linear.logits(x).argmaxLastAxis();
    }

    @Test
    void medianMinimalNormAndBudgetsMatchTheClosedFormAndTheNaiveViewShowsNoSuccess() {
        double[] exact = exactNorms();
        double[] sorted = exact.clone();
        Arrays.sort(sorted);
        double median = (sorted[SAMPLES / 2 - 1] + sorted[SAMPLES / 2]) / 2;
        double budget = (sorted[3] + sorted[4]) / 2; // between the 4th and 5th smallest: 4 of 12 broken
        ThreatModel unbounded = new ThreatModel(Norm.L2, Double.POSITIVE_INFINITY, wide,
                Targeting.untargeted());
        Map<EvaluationKind, Classifier> views = new LinkedHashMap<>();
        views.put(EvaluationKind.NAIVE, new SqueezedClassifier(linear, new BitDepthSqueezer(8, wide),
                SqueezedClassifier.GradientMode.BLOCKED));
        views.put(EvaluationKind.WHITE_BOX, linear);

        List<MinimumNormDefenseEvaluation.Row> rows = MinimumNormDefenseEvaluation.evaluate("linear", views, x, labels(),
                List.of("a", "b"), List.of(new Fmn(unbounded, Fmn.Settings.standard(50)),
                        new Ddn(unbounded, Ddn.Settings.standard(200))),
                Map.of(Norm.L2, new double[] {budget, 10}), SAMPLES);

        assertEquals(4, rows.size());
        MinimumNormDefenseEvaluation.Row ddn = rows.get(3); // DDN finds the exact minima here (FMN misses a few)
        assertEquals(EvaluationKind.WHITE_BOX, ddn.kind());
        assertEquals("DDN-L2", ddn.attack());
        assertEquals(median, ddn.medianNorm(), 0.01 * median);
        assertArrayEquals(new double[] {8.0 / 12, 0}, ddn.robustAccuracy(), 1e-12);
        assertArrayEquals(new double[] {4.0 / 12, 1}, ddn.successAtBudget(), 1e-12);
        assertTrue(ddn.threat().startsWith("L2 eps=unbounded"), ddn.threat());
        MinimumNormDefenseEvaluation.Row naiveFmn = rows.get(0);
        assertEquals(EvaluationKind.NAIVE, naiveFmn.kind());
        assertEquals(0, naiveFmn.successRate(), "blocked gradients: FMN finds no adversarial example");
        double clean = naiveFmn.cleanAccuracy();
        assertArrayEquals(new double[] {clean, clean}, naiveFmn.robustAccuracy(), 1e-12, "nothing is broken at any budget");
    }
}

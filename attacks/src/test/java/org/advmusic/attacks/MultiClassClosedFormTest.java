package org.advmusic.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Minimum-norm attacks on a 4-class linear model (20 features, 40 samples, unbounded budget, 200
 * steps), on the float64 reference and the float32 CPU backend: every sample must come back
 * verifiably adversarial (the attack's own last forward pass says so) and within 1% of the exact
 * minimal norm. A best point kept exactly on the decision boundary fails the first condition.
 */
class MultiClassClosedFormTest {
    private static final int FEATURES = 20;
    private static final int CLASSES = 4;
    private static final int SAMPLES = 40;
    private static final InputBox WIDE = new InputBox(-50, 50);

    private static void check(String backendName, String attackName, boolean l2) {
        Backend backend = Backends.get(backendName);
        Backend reference = Backends.reference();
        double[] weights = Tensor.randn(reference, 21, Shape.of(CLASSES * FEATURES)).toDoubleArray();
        double[] bias = Tensor.uniform(reference, 22, Shape.of(CLASSES), -0.2, 0.2).toDoubleArray();
        LinearMultiClassClassifier model = new LinearMultiClassClassifier(backend, weights, bias);
        Tensor x = Tensor.uniform(reference, 23, Shape.of(SAMPLES, FEATURES), -1, 1).to(backend);
        double[] values = x.toDoubleArray();
        int[] labels = model.predictions(values);
        ThreatModel tm = new ThreatModel(l2 ? Norm.L2 : Norm.LINF, Double.POSITIVE_INFINITY, WIDE, Targeting.untargeted());
        Attack attack = attackName.equals("DDN") ? new Ddn(tm, Ddn.Settings.standard(200))
                : new Fmn(tm, Fmn.Settings.standard(200));
        AttackResult result = attack.run(model, x, labels);
        for (int i = 0; i < SAMPLES; i++) {
            double exact = model.minimalNorm(values, i, labels[i], l2);
            String what = attack.name() + " on " + backendName + ", sample " + i + " (exact " + exact + ")";
            assertTrue(result.succeeded(i), what + ": " + result.status()[i]);
            assertEquals(exact, l2 ? result.l2()[i] : result.linf()[i], 0.01 * exact, what);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "cpu"})
    void fmnL2(String backend) {
        check(backend, "FMN", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "cpu"})
    void fmnLinf(String backend) {
        check(backend, "FMN", false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "cpu"})
    void ddn(String backend) {
        check(backend, "DDN", true);
    }
}

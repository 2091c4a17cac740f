package org.advmusic.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Attacks against the binary linear model, whose answers are known in closed form (REFERENCE.md:
 * AttackBench found library attacks far from the originals; these tests pin ours to the exact
 * values). The box is wide enough never to be active.
 */
class ClosedFormAttackTest {
    private static final int FEATURES = 20;
    private static final int SAMPLES = 16;
    private static final InputBox WIDE = new InputBox(-50, 50);

    private final Backend r = Backends.reference();
    private final LinearBinaryClassifier model = new LinearBinaryClassifier(r,
            Tensor.randn(r, 11, Shape.of(FEATURES)).toDoubleArray(), 0.1);
    private final Tensor x = Tensor.uniform(r, 12, Shape.of(SAMPLES, FEATURES), -1, 1);
    private final int[] labels = model.predictions(x);
    private final double[] values = x.toDoubleArray();

    private ThreatModel unbounded(Norm norm) {
        return new ThreatModel(norm, Double.POSITIVE_INFINITY, WIDE, Targeting.untargeted());
    }

    @Test
    void fmnL2FindsTheExactMinimalL2PerturbationWithinOnePercent() {
        AttackResult result = new Fmn(unbounded(Norm.L2), Fmn.Settings.standard(100)).run(model, x, labels);
        for (int i = 0; i < SAMPLES; i++) {
            double exact = Math.abs(model.margin(values, i)) / model.l2();
            assertTrue(result.succeeded(i), "sample " + i + ": " + result.status()[i]);
            assertEquals(exact, result.l2()[i], 0.01 * exact, "FMN-L2 sample " + i);
        }
    }

    @Test
    void fmnLinfFindsTheExactMinimalLinfPerturbationWithinOnePercent() {
        AttackResult result = new Fmn(unbounded(Norm.LINF), Fmn.Settings.standard(100)).run(model, x, labels);
        for (int i = 0; i < SAMPLES; i++) {
            double exact = Math.abs(model.margin(values, i)) / model.l1();
            assertTrue(result.succeeded(i), "sample " + i + ": " + result.status()[i]);
            assertEquals(exact, result.linf()[i], 0.01 * exact, "FMN-Linf sample " + i);
        }
    }

    @Test
    void ddnFindsTheExactMinimalL2PerturbationWithinOnePercent() {
        AttackResult result = new Ddn(unbounded(Norm.L2), Ddn.Settings.standard(300)).run(model, x, labels);
        for (int i = 0; i < SAMPLES; i++) {
            double exact = Math.abs(model.margin(values, i)) / model.l2();
            assertTrue(result.succeeded(i), "sample " + i + ": " + result.status()[i]);
            assertEquals(exact, result.l2()[i], 0.01 * exact, "DDN sample " + i);
        }
    }

    @Test
    void fgsmStepsEpsilonAlongTheSignOfTheLossGradient() {
        double eps = 0.05;
        AttackResult result = new Fgsm(new ThreatModel(Norm.LINF, eps, WIDE, Targeting.untargeted())).run(model, x, labels);
        double[] adversarial = result.adversarial().toDoubleArray();
        for (int i = 0; i < SAMPLES; i++) {
            // class 1 loses when s falls (move along -sign(w)); class 0 loses when s rises
            double side = labels[i] == 1 ? -1 : 1;
            for (int j = 0; j < FEATURES; j++) {
                double expected = values[i * FEATURES + j] + side * eps * Math.signum(model.weights[j]);
                assertEquals(expected, adversarial[i * FEATURES + j], 1e-12, "sample " + i + " feature " + j);
            }
        }
    }

    @Test
    void fgsmClipsToTheBox() {
        Tensor corner = Tensor.full(r, Shape.of(1, FEATURES), 1.0);
        int[] label = model.predictions(corner);
        AttackResult result = new Fgsm(ThreatModel.untargeted(Norm.LINF, 0.3)).run(model, corner, label);
        for (double v : result.adversarial().toDoubleArray()) {
            assertTrue(v >= 0 && v <= 1, "value " + v + " left the unit box");
        }
    }

    @Test
    void pgdLinfReachesTheOptimumOfTheBallProblem() {
        double eps = 0.02;
        ThreatModel tm = new ThreatModel(Norm.LINF, eps, WIDE, Targeting.untargeted());
        AttackResult result = new Pgd(tm, Pgd.Settings.madry(10)).run(model, x, labels);
        double[] adversarial = result.adversarial().toDoubleArray();
        for (int i = 0; i < SAMPLES; i++) {
            // the cross-entropy is monotone in s, so the optimum is the corner x -+ eps sign(w): s -+ eps ||w||_1
            double optimum = model.margin(values, i) + (labels[i] == 1 ? -1 : 1) * eps * model.l1();
            assertEquals(optimum, model.margin(adversarial, i), 1e-9, "sample " + i);
        }
    }

    @Test
    void pgdL2ReachesTheOptimumOfTheBallProblem() {
        double eps = 0.1;
        ThreatModel tm = new ThreatModel(Norm.L2, eps, WIDE, Targeting.untargeted());
        // from the clean input every step is along w, so the optimum x -+ eps w/||w|| is reached exactly
        AttackResult exact = new Pgd(tm, Pgd.Settings.madry(20).withStepPerEpsilon(0.25).withoutRandomStart()).run(model, x, labels);
        // from a random start the component across w decays geometrically under the sphere projection
        AttackResult random = new Pgd(tm, Pgd.Settings.madry(40).withStepPerEpsilon(0.25).withSeed(3)).run(model, x, labels);
        double[] fromClean = exact.adversarial().toDoubleArray();
        double[] fromRandom = random.adversarial().toDoubleArray();
        for (int i = 0; i < SAMPLES; i++) {
            double change = (labels[i] == 1 ? -1 : 1) * eps * model.l2();
            double optimum = model.margin(values, i) + change;
            assertEquals(optimum, model.margin(fromClean, i), 1e-9, "sample " + i + " from the clean start");
            assertEquals(optimum, model.margin(fromRandom, i), 0.01 * Math.abs(change), "sample " + i + " from a random start");
        }
    }

    @Test
    void minimumNormsGiveTheRobustnessCurveOfTheExactDistances() {
        AttackResult result = new Fmn(unbounded(Norm.L2), Fmn.Settings.standard(100)).run(model, x, labels);
        for (int i = 0; i < SAMPLES; i++) {
            double exact = Math.abs(model.margin(values, i)) / model.l2();
            // a fixed-epsilon PGD succeeds exactly when epsilon exceeds the exact distance
            ThreatModel above = new ThreatModel(Norm.L2, exact * 1.05, WIDE, Targeting.untargeted());
            AttackResult pgd = new Pgd(above, Pgd.Settings.madry(20)).run(model, x.selectRowsDetached(i),
                    new int[] {labels[i]});
            assertTrue(pgd.succeeded(0), "PGD at 1.05 x the exact distance must succeed on sample " + i);
            assertTrue(result.l2()[i] <= exact * 1.01);
        }
    }
}

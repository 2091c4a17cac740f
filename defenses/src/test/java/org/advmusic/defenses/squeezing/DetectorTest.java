package org.advmusic.defenses.squeezing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.defenses.DefenseEvaluation;
import org.advmusic.defenses.DefenseRow;
import org.advmusic.defenses.EvaluationKind;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.optim.Adam;
import org.advmusic.nn.train.LabeledData;
import org.advmusic.nn.train.Trainer;
import org.advmusic.nn.train.TrainingOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The detector on a model where squeezing is known to help, and an adaptive attack against it. */
class DetectorTest {
    private static final Backend R = Backends.reference();
    private static final double EPSILON = 0.15;
    private static Classifier model;
    private static LabeledData test;
    private static FeatureSqueezingDetector detector;
    private static double[] cleanScores;
    private static boolean[] cleanCorrect;

    @BeforeAll
    static void trainAndCalibrate() {
        Mlp mlp = new Mlp(Shape.of(RampImages.SIDE * RampImages.SIDE), 4, new Mlp.Options(List.of(48), 0, false), R, 2);
        Classifier flat = batch -> mlp.logits(batch.reshape(batch.dim(0), -1));
        LabeledData train = RampImages.generate(R, 400, 1);
        new Trainer(mlp, new Adam(mlp.namedParameters(), 0.01), new TrainingOptions(20, 50, 3))
                .fit(new LabeledData(train.inputs().reshape(400, -1), train.labels()), null);
        mlp.eval();
        model = flat;
        detector = new FeatureSqueezingDetector(model, List.of(new MedianFilterSqueezer(3, 3)));
        detector.calibrate(RampImages.generate(R, 200, 2).inputs(), 0.05, 100);
        test = RampImages.generate(R, 120, 3);
        cleanScores = detector.scores(test.inputs(), 60);
        int[] predicted = model.logits(test.inputs()).argmaxLastAxis();
        cleanCorrect = new boolean[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            cleanCorrect[i] = predicted[i] == test.labels()[i];
        }
    }

    @Test
    void detectorCatchesFgsmAndTheDetectorAwareAttackEvadesItMore() {
        ThreatModel tm = ThreatModel.untargeted(Norm.LINF, EPSILON);
        AttackResult fgsm = new Fgsm(tm).run(model, test.inputs(), test.labels());
        DetectorReport naive = DetectorEvaluation.evaluate(detector, cleanScores, cleanCorrect, fgsm,
                detector.scores(fgsm.adversarial(), 60), false);
        AttackResult aware = new Pgd(tm, Pgd.Settings.madry(20), DetectorAwareObjective.factory(detector, 20, 0.8),
                "PGD-Linf detector-aware").run(model, test.inputs(), test.labels());
        DetectorReport adaptive = DetectorEvaluation.evaluate(detector, cleanScores, cleanCorrect, aware,
                detector.scores(aware.adversarial(), 60), true);
        String numbers = String.format("clean accuracy %.3f, FGSM success %.3f, detection of FGSM %.3f (AUC %.3f), false positives"
                        + " %.3f; detector-aware PGD success %.3f, detection %.3f, fooled and undetected %.3f (FGSM: %.3f)",
                fraction(cleanCorrect), fgsm.successRate(), naive.detectionRate(), naive.auc(), naive.falsePositiveRate(),
                aware.successRate(), adaptive.detectionRate(), adaptive.fooledAndUndetected(), naive.fooledAndUndetected());
        assertTrue(fraction(cleanCorrect) > 0.9, numbers);
        assertTrue(naive.detectionRate() >= 0.8 && naive.auc() >= 0.9, "squeezing detects FGSM: " + numbers);
        assertTrue(naive.falsePositiveRate() <= 0.15, numbers);
        assertTrue(adaptive.detectionRate() <= naive.detectionRate() - 0.3, "the adaptive attack evades the detector: " + numbers);
        assertTrue(adaptive.fooledAndUndetected() > naive.fooledAndUndetected(), numbers);
        assertTrue(adaptive.adaptive() && !naive.adaptive());
        assertEquals(naive.clean(), adaptive.clean(), "the clean side does not depend on the attack");
    }

    @Test
    void blockedGradientsMakeTheSqueezedModelLookRobustAndBpdaRemovesTheIllusion() {
        ThreatModel tm = ThreatModel.untargeted(Norm.LINF, 0.4);
        Squeezer bits = new BitDepthSqueezer(2, InputBox.UNIT); // levels 1/3 apart: a budget of 0.4 reaches the next one
        Pgd pgd = new Pgd(tm, Pgd.Settings.madry(10));
        AttackResult naive = pgd.run(new SqueezedClassifier(model, bits, SqueezedClassifier.GradientMode.BLOCKED), test.inputs(), test.labels());
        AttackResult adaptive = pgd.run(new SqueezedClassifier(model, bits, SqueezedClassifier.GradientMode.BPDA), test.inputs(), test.labels());
        assertTrue(adaptive.successRate() >= naive.successRate() + 0.3, String.format(
                "PGD success through a 2-bit squeezer: blocked gradients %.3f, BPDA %.3f", naive.successRate(), adaptive.successRate()));
    }

    @Test
    void defenseRowsShowNaiveAndAdaptiveNumbersSideBySide() {
        Squeezer bits = new BitDepthSqueezer(2, InputBox.UNIT);
        DefenseRow row = DefenseEvaluation.evaluate("squeezing 2-bit", "2-bit squeezing at inference", Map.of(
                EvaluationKind.NAIVE, new SqueezedClassifier(model, bits, SqueezedClassifier.GradientMode.BLOCKED),
                EvaluationKind.ADAPTIVE_BPDA, new SqueezedClassifier(model, bits, SqueezedClassifier.GradientMode.BPDA)),
                test.inputs(), test.labels(), List.of("a", "b", "c", "d"),
                new DefenseEvaluation.Settings(Norm.LINF, InputBox.UNIT, new double[] {0.2, 0.4}, Pgd.Settings.madry(10).withSeed(1), 60), 1.0, Double.NaN);
        assertEquals(2 * 2 * 2, row.underAttack().size(), "two kinds x two attacks x two budgets");
        for (DefenseRow.AttackedAccuracy naive : row.underAttack()) {
            if (naive.kind() == EvaluationKind.NAIVE) {
                double adaptive = row.underAttack().stream().filter(a -> a.kind() == EvaluationKind.ADAPTIVE_BPDA
                        && a.attack().equals(naive.attack()) && a.epsilon() == naive.epsilon()).findFirst().orElseThrow().accuracy();
                assertTrue(adaptive <= naive.accuracy(), naive + " vs adaptive " + adaptive);
            }
        }
        assertEquals(row.cleanAccuracy() - 1.0, row.changeFromBaseline(), 1e-12);
        assertTrue(row.adaptiveAccuracy("PGD-10", 0.4) < 0.5, "the adaptive PGD number is the one that counts: " + row);
    }

    private static double fraction(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return (double) n / flags.length;
    }
}

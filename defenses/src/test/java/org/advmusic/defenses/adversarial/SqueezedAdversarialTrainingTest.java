package org.advmusic.defenses.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.defenses.squeezing.BitDepthSqueezer;
import org.advmusic.defenses.squeezing.SqueezedClassifier;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.Model;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.optim.Adam;
import org.advmusic.nn.train.BatchTransform;
import org.advmusic.nn.train.LabeledData;
import org.advmusic.nn.train.Trainer;
import org.advmusic.nn.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** Seed 002's "Squeezing (Mixed/Pure)" defenses: adversarial training on 5-bit inputs, 5-bit squeezing at inference. */
class SqueezedAdversarialTrainingTest {
    private static final Backend R = Backends.reference();
    private static final double EPSILON = 0.1;
    private static final BitDepthSqueezer FIVE_BITS = new BitDepthSqueezer(5, InputBox.UNIT);

    private static Mlp newModel() {
        return new Mlp(Shape.of(RobustFeatureProblem.WEAK_FEATURES + 1), 2, new Mlp.Options(List.of(32), 0.0, false), R, 3);
    }

    private static Mlp train(BatchTransform transform, LabeledData data) {
        Mlp model = newModel();
        new Trainer(model, new Adam(model.namedParameters(), 0.01), new TrainingOptions(15, 50, 4))
                .batchTransform(transform).fit(data, null);
        model.eval();
        return model;
    }

    /** PGD accuracy of the model behind the 5-bit squeezer, attacked through it with BPDA (the adaptive evaluation). */
    private static double adaptivePgdAccuracy(Model model, LabeledData test) {
        Classifier deployed = new SqueezedClassifier(model, FIVE_BITS, SqueezedClassifier.GradientMode.BPDA);
        return new RobustnessEvaluator(deployed, test.inputs(), test.labels(), List.of("a", "b"), 200, Double.NaN)
                .evaluate(new Pgd(ThreatModel.untargeted(Norm.LINF, EPSILON), Pgd.Settings.madry(10)))
                .robustAccuracy();
    }

    @Test
    void everyTrainingInputIsSqueezedAndTheMixedVariantAttacksHalfOfEachBatch() {
        LabeledData batch = RobustFeatureProblem.generate(R, 10, 5);
        double[] squeezedClean = FIVE_BITS.apply(batch.inputs()).toDoubleArray();
        for (double fraction : new double[] {0.5, 1.0}) {
            SqueezedAdversarialTraining transform = new SqueezedAdversarialTraining(
                    AdversarialTrainingSpec.pgd(Norm.LINF, EPSILON, 3, fraction, 9), InputBox.UNIT, FIVE_BITS);
            LabeledData out = transform.transform(newModel(), batch, 17);

            assertArrayEquals(batch.labels(), out.labels());
            double[] after = out.inputs().toDoubleArray();
            int features = batch.inputs().dim(1);
            int changed = 0;
            for (int i = 0; i < 10; i++) {
                boolean differs = false;
                for (int j = 0; j < features; j++) {
                    double level = after[i * features + j] * 31;
                    assertEquals(Math.rint(level), level, 1e-9, "on the 5-bit grid");
                    differs |= after[i * features + j] != squeezedClean[i * features + j];
                }
                changed += differs ? 1 : 0;
            }
            assertEquals((int) Math.round(fraction * 10), changed, "adversarial rows at fraction " + fraction);
        }
    }

    @Test
    void squeezedAdversarialTrainingBeatsSqueezedCleanTrainingUnderTheAdaptiveAttack() {
        LabeledData train = RobustFeatureProblem.generate(R, 400, 1);
        LabeledData test = RobustFeatureProblem.generate(R, 200, 2);
        Mlp squeezedOnly = train((model, batch, step) -> new LabeledData(FIVE_BITS.apply(batch.inputs()), batch.labels()), train);
        Mlp squeezedAdversarial = train(new SqueezedAdversarialTraining(
                AdversarialTrainingSpec.pgd(Norm.LINF, EPSILON, 5, 1.0, 7), InputBox.UNIT, FIVE_BITS), train);

        double plain = adaptivePgdAccuracy(squeezedOnly, test);
        double robust = adaptivePgdAccuracy(squeezedAdversarial, test);
        assertTrue(robust >= plain + 0.3 && robust >= 0.75, String.format(
                "BPDA PGD accuracy at eps %.2f behind 5-bit squeezing: squeezed training %.3f, squeezed adversarial"
                        + " training %.3f; expected a margin of at least 0.3 and at least 0.75", EPSILON, plain, robust));
    }

    @Test
    void theDefenseNamesItsSqueezer() {
        SqueezedAdversarialTraining mixed = new SqueezedAdversarialTraining(
                AdversarialTrainingSpec.pgd(Norm.LINF, 0.01, 7, 0.5, 1), InputBox.UNIT, FIVE_BITS);
        assertEquals("squeezed-adversarial-training", mixed.toMap().get("type"));
        assertEquals("bit-depth-5", mixed.toMap().get("squeezer"));
        assertEquals(0.5, mixed.toMap().get("adversarial_fraction"));
        assertEquals("PGD-7 mixed 50% Linf eps=0.01 on bit-depth-5 inputs, bit-depth-5 at inference", mixed.describe());
    }
}

package org.advmusic.defenses.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Model;
import org.advmusic.nn.checkpoint.InputNormalization;
import org.advmusic.nn.checkpoint.ModelSpec;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.optim.Adam;
import org.advmusic.nn.train.LabeledData;
import org.advmusic.nn.train.Trainer;
import org.advmusic.nn.train.TrainingOptions;
import org.junit.jupiter.api.Test;

class AdversarialTrainingTest {
    private static final Backend R = Backends.reference();
    private static final double EPSILON = 0.1;

    private static Mlp newModel() {
        return new Mlp(Shape.of(RobustFeatureProblem.WEAK_FEATURES + 1), 2,
                new Mlp.Options(List.of(32), 0.0, false), R, 3);
    }

    private static double pgdAccuracy(Model model, LabeledData test) {
        model.eval();
        RobustnessEvaluator evaluator = new RobustnessEvaluator(model, test.inputs(), test.labels(), List.of("a", "b"), 200, Double.NaN);
        return evaluator.evaluate(new Pgd(ThreatModel.untargeted(Norm.LINF, EPSILON), Pgd.Settings.madry(10)))
                .robustAccuracy();
    }

    @Test
    void pgdTrainingBeatsStandardTrainingUnderPgd() {
        LabeledData train = RobustFeatureProblem.generate(R, 400, 1);
        LabeledData test = RobustFeatureProblem.generate(R, 200, 2);
        Mlp standard = newModel();
        new Trainer(standard, new Adam(standard.namedParameters(), 0.01), new TrainingOptions(15, 50, 4)).fit(train, null);
        Mlp robust = newModel();
        new Trainer(robust, new Adam(robust.namedParameters(), 0.01), new TrainingOptions(15, 50, 4))
                .batchTransform(new AdversarialTraining(AdversarialTrainingSpec.pgd(Norm.LINF, EPSILON, 5, 1.0, 7), InputBox.UNIT))
                .fit(train, null);
        double standardAccuracy = pgdAccuracy(standard, test);
        double robustAccuracy = pgdAccuracy(robust, test);
        assertTrue(robustAccuracy >= standardAccuracy + 0.3, String.format(
                "PGD accuracy at eps %.2f: standard %.3f, PGD-trained %.3f; expected a margin of at least 0.3",
                EPSILON, standardAccuracy, robustAccuracy));
        assertTrue(robustAccuracy >= 0.75, "the PGD-trained model relies on the robust feature: " + robustAccuracy);
    }

    @Test
    void mixedTrainingReplacesExactlyItsShareOfEachBatch() {
        LabeledData batch = RobustFeatureProblem.generate(R, 10, 5);
        Mlp model = newModel();
        for (double fraction : new double[] {0.5, 1.0}) {
            AdversarialTraining transform = new AdversarialTraining(AdversarialTrainingSpec.pgd(Norm.LINF, EPSILON, 3, fraction, 9),
                    InputBox.UNIT);
            LabeledData out = transform.transform(model, batch, 17);
            assertArrayEquals(batch.labels(), out.labels(), "labels stay the true labels");
            double[] before = batch.inputs().toDoubleArray();
            double[] after = out.inputs().toDoubleArray();
            int features = batch.inputs().dim(1);
            int changed = 0;
            for (int i = 0; i < 10; i++) {
                double distance = 0;
                for (int j = 0; j < features; j++) {
                    distance = Math.max(distance, Math.abs(after[i * features + j] - before[i * features + j]));
                }
                assertTrue(distance <= EPSILON + 1e-12, "row " + i + " moved " + distance);
                changed += distance > 0 ? 1 : 0;
            }
            assertEquals((int) Math.round(fraction * 10), changed, "fraction " + fraction);
        }
    }

    @Test
    void fastVariantStepsOneAndAQuarterEpsilonFromARandomStartAndStaysInTheBall() {
        AdversarialTrainingSpec fast = AdversarialTrainingSpec.fast(Norm.LINF, EPSILON, 3);
        assertEquals(1.25 * EPSILON, fast.stepSize(), 1e-15);
        LabeledData batch = RobustFeatureProblem.generate(R, 8, 6);
        Tensor adversarial = new AdversarialTraining(fast, InputBox.UNIT).transform(newModel(), batch, 0).inputs();
        double moved = adversarial.sub(batch.inputs()).abs().max(false).item();
        assertTrue(moved <= EPSILON + 1e-12 && moved > EPSILON / 2, "Linf change " + moved);
    }

    @Test
    void catastrophicOverfittingRuleFiresOnCollapseWithRisingFgsm() {
        List<RobustValidationMonitor.Entry> history = new ArrayList<>();
        history.add(new RobustValidationMonitor.Entry(1, 0.40, 0.45, 0.60, null));
        history.add(new RobustValidationMonitor.Entry(2, 0.45, 0.50, 0.65, null));
        assertNull(RobustValidationMonitor.catastrophicOverfitting(history, 0.44, 0.52, 0.66, 0.2), "a small dip is no collapse");
        assertNull(RobustValidationMonitor.catastrophicOverfitting(history, 0.10, 0.30, 0.50, 0.2), "everything fell: no masking");
        String warning = RobustValidationMonitor.catastrophicOverfitting(history, 0.05, 0.80, 0.90, 0.2);
        assertNotNull(warning);
        assertTrue(warning.contains("0.050") && warning.contains("0.800"), warning);
    }

    @Test
    void monitorRecordsEveryEpoch() {
        LabeledData train = RobustFeatureProblem.generate(R, 100, 8);
        Mlp model = newModel();
        List<String> warnings = new ArrayList<>();
        RobustValidationMonitor monitor = new RobustValidationMonitor(model, RobustFeatureProblem.generate(R, 30, 9),
                List.of("a", "b"), ThreatModel.untargeted(Norm.LINF, EPSILON), 5, 0.2, warnings::add);
        new Trainer(model, new Adam(model.namedParameters(), 0.01), new TrainingOptions(3, 25, 1)).listener(monitor).fit(train, null);
        assertEquals(3, monitor.entries().size());
        for (RobustValidationMonitor.Entry e : monitor.entries()) {
            assertTrue(e.pgdAccuracy() <= e.fgsmAccuracy() + 0.1, "PGD is not much weaker than FGSM: " + e);
        }
    }

    @Test
    void theDefenseSpecTravelsWithTheCheckpointSpec() {
        AdversarialTrainingSpec spec = AdversarialTrainingSpec.pgd(Norm.LINF, 0.01, 7, 0.5, 1);
        ModelSpec modelSpec = ModelSpec.of(newModel(), List.of("a", "b"), InputNormalization.none()).withDefense(spec.toMap());
        assertEquals("PGD", modelSpec.defense().get("method"));
        assertEquals(0.5, modelSpec.defense().get("adversarial_fraction"));
        assertEquals("PGD-7 mixed 50% Linf eps=0.01", spec.describe());
    }
}

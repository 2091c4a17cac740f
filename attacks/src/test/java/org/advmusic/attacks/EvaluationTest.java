package org.advmusic.attacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advmusic.attacks.evaluation.RobustnessCurve;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.attacks.evaluation.RobustnessReport;
import org.advmusic.attacks.evaluation.SanityChecklist;
import org.advmusic.attacks.evaluation.Statistics;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;
import org.advmusic.nn.Classifier;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    private static final Backend R = Backends.reference();

    @Test
    void statisticsMatchHandComputedValues() {
        Statistics s = Statistics.of(new double[] {4, 1, 3, 2, 10});
        assertEquals(5, s.count());
        assertEquals(4.0, s.mean(), 1e-12);
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(7.6, s.percentile90(), 1e-12); // numpy.percentile([1,2,3,4,10], 90)
        assertEquals(10.0, s.max(), 0);
        assertTrue(Double.isNaN(Statistics.of(new double[0]).mean()));
    }

    @Test
    void reportAggregatesBatchesConsistently() {
        TrainedMlp model = TrainedMlp.train(R, 6, 3, 60, 21);
        RobustnessEvaluator evaluator = new RobustnessEvaluator(model, model.inputs, model.labels,
                List.of("a", "b", "c"), 16, 80.0);
        RobustnessReport report = evaluator.evaluate(new Pgd(ThreatModel.untargeted(Norm.LINF, 0.05), Pgd.Settings.madry(10)));
        assertEquals(60, report.size());
        assertEquals(model.accuracy(), report.cleanAccuracy(), 1e-12);
        int successes = 0;
        for (SampleStatus s : report.status()) {
            successes += s == SampleStatus.SUCCEEDED ? 1 : 0;
        }
        assertEquals(report.cleanAccuracy() - successes / 60.0, report.robustAccuracy(), 1e-12);
        long[][] confusion = report.confusionUnderAttack();
        long diagonal = confusion[0][0] + confusion[1][1] + confusion[2][2];
        assertEquals(Math.round(report.robustAccuracy() * 60), diagonal);
        assertTrue(report.perturbation(Norm.LINF).max() <= 0.05 + 1e-9);
        assertEquals(10.0, report.meanGradientEvaluations(), 1e-9);
        assertEquals(3, report.perClassRobustAccuracy().length);
    }

    @Test
    void curveFromMinimalNormsEqualsTheFixedEpsilonCurveOnALinearModel() {
        LinearBinaryClassifier model = new LinearBinaryClassifier(R, Tensor.randn(R, 31, Shape.of(10)).toDoubleArray(), 0.05);
        Tensor x = Tensor.uniform(R, 32, Shape.of(40, 10), 0.3, 0.7);
        int[] labels = model.predictions(x);
        InputBox wide = new InputBox(-20, 20);
        RobustnessEvaluator evaluator = new RobustnessEvaluator(model, x, labels, List.of("negative", "positive"), 40, Double.NaN);
        RobustnessReport fmn = evaluator.evaluate(new Fmn(new ThreatModel(Norm.L2, Double.POSITIVE_INFINITY, wide,
                Targeting.untargeted()), Fmn.Settings.standard(100)));
        double[] epsilons = {0, 0.01, 0.03, 0.1, 0.3};
        RobustnessCurve fromNorms = RobustnessCurve.fromMinimumNorms(fmn, epsilons);
        RobustnessCurve fixed = RobustnessCurve.fromFixedEpsilon(evaluator, eps -> new Pgd(
                new ThreatModel(Norm.L2, eps, wide, Targeting.untargeted()), Pgd.Settings.madry(30).withStepPerEpsilon(0.25).withoutRandomStart()),
                epsilons);
        double[] values = x.toDoubleArray();
        for (int k = 0; k < epsilons.length; k++) { // no exact distance lies within 1% of a budget
            for (int i = 0; i < 40; i++) {
                double d = Math.abs(model.margin(values, i)) / model.l2();
                assertTrue(Math.abs(d - epsilons[k]) > 0.01 * epsilons[k] || epsilons[k] == 0, "distance " + d + " too close");
            }
        }
        assertArrayEquals(fixed.accuracy(), fromNorms.accuracy(), 1e-12);
        assertEquals(1.0, fromNorms.accuracy()[0], 0);
        assertTrue(fromNorms.accuracy()[4] < fromNorms.accuracy()[1], "accuracy falls with epsilon");
    }

    @Test
    void checklistPassesOnAnHonestModelAndWarnsOnAMaskedOne() {
        TrainedMlp model = TrainedMlp.train(R, 6, 3, 45, 41);
        RobustnessEvaluator honest = new RobustnessEvaluator(model, model.inputs, model.labels, List.of("a", "b", "c"), 45, Double.NaN);
        SanityChecklist.Settings settings = new SanityChecklist.Settings(Norm.LINF, InputBox.UNIT, 0.05, 10, 0.5,
                new double[] {0.01, 0.03, 0.05, 0.1}, 3, 200, 0.05, 1);
        SanityChecklist.Result good = SanityChecklist.run(honest, settings);
        assertEquals(7, good.items().size());
        assertTrue(good.allPass(), "honest model: " + good.items());

        // rounding the input to 1 decimal hides every gradient (no gradient flows through ROUND)
        Classifier masked = batch -> model.logits(Elementwise.unary(UnaryOp.ROUND, batch.mul(10), 0, 0).mul(0.1));
        RobustnessEvaluator maskedEvaluator = new RobustnessEvaluator(masked, model.inputs, model.labels,
                List.of("a", "b", "c"), 45, Double.NaN);
        SanityChecklist.Result bad = SanityChecklist.run(maskedEvaluator, settings);
        assertEquals(SanityChecklist.Verdict.WARN, verdict(bad, "input gradients"), bad.items().toString());
        assertEquals(SanityChecklist.Verdict.WARN, verdict(bad, "near-100%"), bad.items().toString());
    }

    @Test
    void anUndefinedNumberIsNeverAPassAndTooFewSamplesSaySo() {
        TrainedMlp model = TrainedMlp.train(R, 6, 3, 45, 41);
        int[] wrong = new int[model.labels.length];
        for (int i = 0; i < wrong.length; i++) {
            wrong[i] = (model.labels[i] + 1) % 3; // every sample misclassified: no success rate is defined
        }
        SanityChecklist.Settings settings = new SanityChecklist.Settings(Norm.LINF, InputBox.UNIT, 0.05, 5, 0.5,
                new double[] {0.03, 0.05}, 2, 40, 0.02, 1);
        SanityChecklist.Result undefined = SanityChecklist.run(new RobustnessEvaluator(model, model.inputs, wrong,
                List.of("a", "b", "c"), 45, Double.NaN), settings);
        assertEquals(1.0 / 45, undefined.tolerance(), 1e-12, "the tolerance is at least one sample");
        for (SanityChecklist.Item item : undefined.items()) {
            if (item.numbers().values().stream().anyMatch(v -> Double.isNaN(v))) {
                assertEquals(SanityChecklist.Verdict.INCONCLUSIVE, item.verdict(), item.toString());
            }
        }
        assertEquals(SanityChecklist.Verdict.INCONCLUSIVE, verdict(undefined, "iterative"));
        assertEquals(SanityChecklist.Verdict.INCONCLUSIVE, verdict(undefined, "as epsilon grows"));

        SanityChecklist.Result few = SanityChecklist.run(new RobustnessEvaluator(model, model.inputs.narrow(0, 0, 6),
                java.util.Arrays.copyOf(model.labels, 6), List.of("a", "b", "c"), 6, Double.NaN), settings);
        assertEquals(1, few.items().size());
        assertEquals(SanityChecklist.Verdict.INCONCLUSIVE, few.items().get(0).verdict());
        assertTrue(few.items().get(0).detail().contains("not enough samples: 6"), few.items().get(0).detail());
    }

    private static SanityChecklist.Verdict verdict(SanityChecklist.Result result, String prefix) {
        return result.items().stream().filter(i -> i.check().contains(prefix)).findFirst().orElseThrow().verdict();
    }
}

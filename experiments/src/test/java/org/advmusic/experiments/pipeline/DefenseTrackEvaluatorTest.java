package org.advmusic.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.evaluation.RobustnessEvaluator;
import org.advmusic.defenses.DefenseRow;
import org.advmusic.defenses.EvaluationKind;
import org.advmusic.defenses.squeezing.DetectorEvaluation;
import org.advmusic.defenses.squeezing.DetectorReport;
import org.advmusic.defenses.squeezing.FeatureSqueezingDetector;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.DefenseSampleRow;
import org.advmusic.nn.models.Mlp;
import org.junit.jupiter.api.Test;

/**
 * The defense comparison's unit of work (a track in a defense cell, seeded per track and cell) gives
 * the same rows however the tracks are split into runs, skips what is done, and its rows aggregate to
 * the numbers the batched library code gives for the same samples (FGSM and the detector, which do not
 * depend on seeds). On the float64 reference backend, so batch sizes cannot change a result.
 */
class DefenseTrackEvaluatorTest {
    private static final Backend REFERENCE = Backends.get("reference");
    private static final InputBox BOX = new InputBox(0, 1);
    private static final int FEATURES = 8;

    private final ExperimentConfig config = ConfigLoader.load("demo", List.of("attacks.epsilons=[0,0.1,0.3]",
            "attacks.reference_epsilon=0.1", "defenses.evaluation_epsilons=[0.1,0.3]", "defenses.evaluation_pgd_steps=3",
            "defenses.squeezing_bits=3"));
    private final AttackFactory factory = AttackFactory.of(config, BOX, Shape.of(FEATURES), 11);
    private final Mlp model = new Mlp(Shape.of(FEATURES), 3, new Mlp.Options(List.of(16), 0, false), REFERENCE, 5);
    private final List<DefendedModel> compared = List.of(
            new DefendedModel("baseline", "standard training", 1.0, "baseline", DefendedModel.Squeezing.NONE),
            new DefendedModel("squeezing-inference", "behind bit depth", Double.NaN, "baseline", DefendedModel.Squeezing.INFERENCE));
    private final List<DefenseCell> cells = DefenseCell.grid(compared, factory, config.defenses(), config.attacks());

    /** Tracks of two segments (the second a slightly moved copy of the first) labelled with the model's class, so attacks have work. */
    private List<TrackInputs> tracks(int count) {
        SplittableRandom random = new SplittableRandom(3);
        List<TrackInputs> tracks = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            float[] values = new float[2 * FEATURES];
            for (int i = 0; i < FEATURES; i++) {
                values[i] = (float) random.nextDouble(0.1, 0.9);
                values[FEATURES + i] = values[i] + (float) random.nextDouble(-0.01, 0.01);
            }
            int label = model.logits(Tensor.fromArray(REFERENCE, values, 2, FEATURES)).argmaxLastAxis()[0];
            tracks.add(new TrackInputs(new AttackTrack("track-" + t, label, null), 2, 0, 0, values, null));
        }
        return tracks;
    }

    private FeatureSqueezingDetector detector() {
        FeatureSqueezingDetector detector = new FeatureSqueezingDetector(model,
                DefendedModel.detectorSqueezers(config.defenses(), BOX, false));
        double[] validation = new double[40 * FEATURES];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < validation.length; i++) {
            validation[i] = random.nextDouble();
        }
        detector.calibrate(Tensor.fromArray(REFERENCE, validation, 40, FEATURES), 0.1, 16);
        return detector;
    }

    private DefenseTrackEvaluator evaluator(FeatureSqueezingDetector detector) {
        model.eval();
        List<DefenseTrackEvaluator.Target> targets = compared.stream().map(m -> new DefenseTrackEvaluator.Target(m, "hash",
                m.views(model, config.defenses(), BOX, false))).toList();
        return new DefenseTrackEvaluator(targets, detector, factory, new int[] {FEATURES}, REFERENCE);
    }

    @Test
    void rowsDoNotDependOnHowTheTracksAreSplitAndDonePairsAreSkipped() {
        List<TrackInputs> tracks = tracks(4);
        DefenseTrackEvaluator evaluator = evaluator(detector());
        List<DefenseSampleRow> together = evaluator.evaluate(tracks, cells, Set.of(), n -> { });
        assertEquals(4 * 2 * cells.size(), together.size());
        List<DefenseSampleRow> apart = new ArrayList<>();
        for (int t = tracks.size() - 1; t >= 0; t--) { // one run per track, in reverse order
            apart.addAll(evaluator.evaluate(List.of(tracks.get(t)), cells, Set.of(), n -> { }));
        }
        assertEquals(sorted(together), sorted(apart));
        assertTrue(together.stream().anyMatch(r -> r.sample().status().equals("SUCCEEDED")), "some attack succeeded");

        Set<String> done = new HashSet<>();
        together.forEach(r -> done.add(TrackEvaluator.doneKey(r.sample().track(), r.sample().cell())));
        assertEquals(List.of(), evaluator.evaluate(tracks, cells, done, n -> { }));
        done.remove(TrackEvaluator.doneKey("track-2", cells.get(1).key()));
        List<DefenseSampleRow> rest = evaluator.evaluate(tracks, cells, done, n -> { });
        assertEquals(2, rest.size());
        assertEquals(sorted(together.stream().filter(r -> r.sample().track().equals("track-2")
                && r.sample().cell().equals(cells.get(1).key())).toList()), sorted(rest));
    }

    @Test
    void aggregatedRowsGiveTheBatchedCleanFgsmAndDetectorNumbers() {
        List<TrackInputs> tracks = tracks(4);
        FeatureSqueezingDetector detector = detector();
        List<DefenseSampleRow> rows = DefenseStage.inGridOrder(evaluator(detector).evaluate(tracks, cells, Set.of(), n -> { }),
                cells);
        DefenseAggregation.Result result = DefenseAggregation.aggregate(rows, cells, compared,
                new DefenseAggregation.Context(BOX, List.of("a", "b", "c"), new double[0], detector.name(), detector.threshold()));

        float[] all = new float[8 * FEATURES];
        int[] labels = new int[8];
        for (int t = 0; t < 4; t++) {
            System.arraycopy(tracks.get(t).values(), 0, all, t * 2 * FEATURES, 2 * FEATURES);
            labels[2 * t] = labels[2 * t + 1] = tracks.get(t).track().label();
        }
        Tensor inputs = Tensor.fromArray(REFERENCE, all, 8, FEATURES);
        RobustnessEvaluator batched = new RobustnessEvaluator(model, inputs, labels, List.of("a", "b", "c"), 8, Double.NaN);
        DefenseRow baseline = result.comparison().rows().get(0);
        assertEquals(batched.cleanAccuracy(), baseline.cleanAccuracy(), 1e-12);
        for (double eps : config.defenses().evaluationEpsilons()) {
            assertEquals(batched.evaluate(factory.fgsm(eps)).robustAccuracy(), baseline.underAttack().stream()
                    .filter(a -> a.attack().equals("FGSM") && a.epsilon() == eps).findFirst().orElseThrow().accuracy(), 1e-12);
        }
        assertEquals(List.of(EvaluationKind.NAIVE, EvaluationKind.ADAPTIVE_BPDA), result.comparison().rows().get(1).underAttack()
                .stream().map(DefenseRow.AttackedAccuracy::kind).distinct().toList());
        assertEquals(0, baseline.changeFromBaseline());

        Fgsm fgsm = factory.fgsm(factory.budgets().reference());
        AttackResult attacked = fgsm.run(model, inputs, labels);
        boolean[] correct = new boolean[8];
        for (int i = 0; i < 8; i++) {
            correct[i] = attacked.cleanPredictions()[i] == labels[i];
        }
        DetectorReport expected = DetectorEvaluation.evaluate(detector, detector.scores(inputs, 8), correct, attacked,
                detector.scores(attacked.adversarial(), 8), false);
        DetectorReport aggregated = result.comparison().detectors().get(0);
        assertEquals(expected.attack(), aggregated.attack());
        assertEquals(expected.falsePositiveRate(), aggregated.falsePositiveRate(), 1e-12);
        assertEquals(expected.detectionRate(), aggregated.detectionRate(), 1e-12);
        assertEquals(expected.auc(), aggregated.auc(), 1e-12);
        assertArrayEquals(expected.rocTruePositive(), aggregated.rocTruePositive(), 1e-12);
        assertEquals(expected.adversarial(), aggregated.adversarial());
        assertEquals(expected.fooledAndUndetected(), aggregated.fooledAndUndetected(), 1e-12);
        assertTrue(result.comparison().detectors().get(1).adaptive());
    }

    private List<DefenseSampleRow> sorted(List<DefenseSampleRow> rows) {
        List<String> order = cells.stream().map(DefenseCell::key).toList();
        return rows.stream().map(DefenseSampleRow::withoutTime)
                .sorted(Comparator.<DefenseSampleRow>comparingInt(r -> order.indexOf(r.sample().cell()))
                        .thenComparing(r -> r.sample().track()).thenComparingInt(r -> r.sample().segment())).toList();
    }
}

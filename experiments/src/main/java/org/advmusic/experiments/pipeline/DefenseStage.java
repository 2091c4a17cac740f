package org.advmusic.experiments.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.Attack;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.defenses.DefenseComparison;
import org.advmusic.defenses.DefenseEvaluation;
import org.advmusic.defenses.DefenseRow;
import org.advmusic.defenses.MinimumNormDefenseEvaluation;
import org.advmusic.defenses.EvaluationKind;
import org.advmusic.defenses.adversarial.AdversarialTraining;
import org.advmusic.defenses.adversarial.AdversarialTrainingSpec;
import org.advmusic.defenses.adversarial.RobustValidationMonitor;
import org.advmusic.defenses.adversarial.SqueezedAdversarialTraining;
import org.advmusic.defenses.squeezing.BitDepthSqueezer;
import org.advmusic.defenses.squeezing.ComposedSqueezer;
import org.advmusic.defenses.squeezing.DetectorAwareObjective;
import org.advmusic.defenses.squeezing.DetectorEvaluation;
import org.advmusic.defenses.squeezing.DetectorReport;
import org.advmusic.defenses.squeezing.FeatureSqueezingDetector;
import org.advmusic.defenses.squeezing.MedianFilterSqueezer;
import org.advmusic.defenses.squeezing.SqueezedClassifier;
import org.advmusic.defenses.squeezing.Squeezer;
import org.advmusic.defenses.squeezing.SqueezingTraining;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.DefenseMetrics;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.Model;
import org.advmusic.nn.metrics.Metrics;
import org.advmusic.nn.train.Inference;
import org.advmusic.nn.train.LabeledData;

/**
 * The seeds' comparison: trains the defended models (PGD adversarial training mixed 50/50 and pure,
 * fast FGSM-RS training, seed 002's adversarial training on squeezed inputs with squeezing at
 * inference, training on squeezed inputs), evaluates each beside the baseline under FGSM
 * and PGD at the configured budgets (naive and adaptive numbers side by side for the squeezers),
 * calibrates the feature-squeezing detector and attacks it naively and adaptively, and runs the
 * sanity checklist on every defended model.
 */
public final class DefenseStage {
    private DefenseStage() {
    }

    /**
     * What the stage produced.
     *
     * @param models     the defended models, trained and measured, in training order
     * @param checklists the sanity checklist of every defended model (empty when {@code attacks.checklist} is off)
     * @param comparison the seeds' comparison against the baseline
     */
    public record Outcome(List<TrainingStage.Trained> models, List<Checklist> checklists, DefenseMetrics comparison) {
    }

    /**
     * What the stage reads of the run's config.
     *
     * @param defenses which defenses, their squeezers, the detector and the evaluation budgets
     * @param attacks  the attacked subset's size, the batch size and whether to run the checklist
     * @param training how the defended models are trained (the baseline's recipe)
     * @param seed     the run's seed (the attacked subset, the detector's calibration subset)
     */
    public record Settings(ExperimentConfig.DefenseConfig defenses, ExperimentConfig.AttackConfig attacks,
                           TrainingStage.Recipe training, long seed) {
        /** The run's settings. */
        public static Settings of(ExperimentConfig config) {
            return new Settings(config.defenses(), config.attacks(), TrainingStage.Recipe.of(config), config.seed());
        }

        /** The defended models' epochs: {@code defenses.epochs}, else the baseline's {@code training.epochs}. */
        public int epochs() {
            return defenses.epochs() != null ? defenses.epochs() : training.training().epochs();
        }
    }

    public static Outcome run(Settings settings, PreparedData data, TrainingStage.Trained baseline, AttackFactory factory,
                              Backend backend, RunDirectory run) {
        ExperimentConfig.DefenseConfig d = settings.defenses();
        ExperimentConfig.AttackConfig a = settings.attacks();
        TrainingStage.Recipe recipe = settings.training();
        int epochs = settings.epochs();
        LabeledData subset = AttackSubset.of(data.test().data(), a.samples(), settings.seed());
        DefenseEvaluation.Settings evaluation = factory.defenseEvaluation();
        List<TrainingStage.Trained> models = new ArrayList<>();
        List<Checklist> checklists = new ArrayList<>();
        List<DefenseRow> rows = new ArrayList<>();
        List<MinimumNormDefenseEvaluation.Row> minimumNorm = d.minimumNorm() ? new ArrayList<>() : null;
        DefenseRow baselineRow = evaluate("baseline", baseline.description(), Map.of(EvaluationKind.WHITE_BOX, baseline.model()),
                subset, data, evaluation, Double.NaN, baseline.seconds(), factory, minimumNorm);
        rows.add(baselineRow);
        double baselineClean = baselineRow.cleanAccuracy();

        Map<String, AdversarialTrainingSpec> adversarial = new LinkedHashMap<>();
        if (d.mixed()) {
            adversarial.put("adversarial-mixed", factory.adversarialTraining(0.5));
        }
        if (d.pure()) {
            adversarial.put("adversarial-pure", factory.adversarialTraining(1.0));
        }
        if (d.fast()) {
            adversarial.put("adversarial-fast", factory.fastAdversarialTraining());
        }
        for (Map.Entry<String, AdversarialTrainingSpec> e : adversarial.entrySet()) {
            AdversarialTrainingSpec spec = e.getValue();
            List<RobustValidationMonitor> monitors = new ArrayList<>();
            TrainingStage.Plan plan = TrainingStage.Plan.standard(e.getKey(), spec.describe(), epochs)
                    .withDefense(new AdversarialTraining(spec, data.box()), spec.toMap())
                    .withListener(model -> robustValidation(model, spec, data, d, factory.budgets().at(spec.epsilon()), monitors));
            TrainingStage.Trained trained = TrainingStage.train(plan, recipe, data, backend, run, false);
            if (!monitors.isEmpty()) {
                trained = withRobustValidation(trained, monitors.get(0));
            }
            models.add(trained);
            rows.add(evaluate(e.getKey(), spec.describe(), Map.of(EvaluationKind.WHITE_BOX, trained.model()), subset, data,
                    evaluation, baselineClean, trained.seconds(), factory, minimumNorm));
            checklist(e.getKey(), trained.checkpoint(), trained.model(), subset, data, factory, a, checklists);
        }

        Map<String, Double> squeezedAdversarial = new LinkedHashMap<>();
        if (d.squeezedMixed()) {
            squeezedAdversarial.put("squeezed-mixed", 0.5);
        }
        if (d.squeezedPure()) {
            squeezedAdversarial.put("squeezed-pure", 1.0);
        }
        for (Map.Entry<String, Double> e : squeezedAdversarial.entrySet()) {
            Squeezer bits = new BitDepthSqueezer(d.squeezingBits(), data.box());
            SqueezedAdversarialTraining transform = new SqueezedAdversarialTraining(
                    factory.adversarialTraining(e.getValue()), data.box(), bits);
            TrainingStage.Trained trained = TrainingStage.train(TrainingStage.Plan.standard(e.getKey(), transform.describe(), epochs)
                    .withDefense(transform, transform.toMap()), recipe, data, backend, run, false);
            models.add(trained);
            rows.add(evaluate(e.getKey(), transform.describe(), squeezedViews(trained.model(), bits), subset, data, evaluation,
                    baselineClean, trained.seconds(), factory, minimumNorm));
            checklist(e.getKey(), trained.checkpoint(),
                    new SqueezedClassifier(trained.model(), bits, SqueezedClassifier.GradientMode.BPDA), subset, data, factory, a,
                    checklists);
        }

        if (d.squeezingTrainingBits() > 0) {
            Squeezer bits = new BitDepthSqueezer(d.squeezingTrainingBits(), data.box());
            Map<String, Object> defense = Map.of("type", "squeezing-training", "squeezer", bits.name());
            String description = "trained and evaluated with " + bits.name() + " squeezing";
            TrainingStage.Trained trained = TrainingStage.train(TrainingStage.Plan.standard("squeezing-trained", description, epochs)
                    .withDefense(new SqueezingTraining(bits), defense), recipe, data, backend, run, false);
            models.add(trained);
            rows.add(evaluate("squeezing-trained", description, squeezedViews(trained.model(), bits), subset, data, evaluation,
                    baselineClean, trained.seconds(), factory, minimumNorm));
            checklist("squeezing-trained", trained.checkpoint(),
                    new SqueezedClassifier(trained.model(), bits, SqueezedClassifier.GradientMode.BPDA), subset, data, factory, a,
                    checklists);
        }

        Squeezer atInference = inferenceSqueezer(d, data);
        rows.add(evaluate("squeezing-inference", "baseline behind " + atInference.name() + " at inference",
                squeezedViews(baseline.model(), atInference), subset, data, evaluation, baselineClean, Double.NaN, factory, minimumNorm));
        checklist("squeezing-inference", baseline.checkpoint(),
                new SqueezedClassifier(baseline.model(), atInference, SqueezedClassifier.GradientMode.BPDA), subset, data, factory,
                a, checklists);

        List<DetectorReport> detectors = detector(settings, data, baseline.model(), subset, factory);
        DefenseComparison comparison = new DefenseComparison(rows, detectors);
        DefenseMetrics metrics = DefenseMetrics.of(baseline.checkpoint(), comparison, "PGD-" + d.evaluationPgdSteps(),
                d.evaluationEpsilons(), minimumNorm == null ? List.of() : minimumNorm);
        return new Outcome(models, checklists, metrics);
    }

    private static DefenseRow evaluate(String name, String description, Map<EvaluationKind, Classifier> views, LabeledData subset,
                                       PreparedData data, DefenseEvaluation.Settings settings, double baselineClean,
                                       double trainingSeconds,
                                       AttackFactory factory, List<MinimumNormDefenseEvaluation.Row> minimumNorm) {
        long start = System.nanoTime();
        System.out.printf("evaluating %s under FGSM and PGD at eps %s ...%n", name, java.util.Arrays.toString(settings.epsilons()));
        DefenseRow row = DefenseEvaluation.evaluate(name, description, views, subset.inputs(), subset.labels(), data.classes(),
                settings, baselineClean, trainingSeconds);
        List<Attack> minimumNormAttacks = java.util.stream.Stream.<Attack>of(factory.fmn(), factory.ddn())
                .filter(java.util.Objects::nonNull).toList();
        if (minimumNorm != null && !minimumNormAttacks.isEmpty()) {
            Budgets budgets = factory.minimumNormBudgets();
            minimumNorm.addAll(MinimumNormDefenseEvaluation.evaluate(name, views, subset.inputs(), subset.labels(),
                    data.classes(), minimumNormAttacks, Map.of(budgets.norm(), budgets.positive()), settings.batchSize()));
        }
        System.out.printf("evaluated %s in %.1f s: clean accuracy %.3f%n", name, (System.nanoTime() - start) / 1e9, row.cleanAccuracy());
        return row;
    }

    private static Map<EvaluationKind, Classifier> squeezedViews(Classifier model, Squeezer squeezer) {
        Map<EvaluationKind, Classifier> views = new LinkedHashMap<>();
        views.put(EvaluationKind.NAIVE, new SqueezedClassifier(model, squeezer, SqueezedClassifier.GradientMode.BLOCKED));
        views.put(EvaluationKind.ADAPTIVE_BPDA, new SqueezedClassifier(model, squeezer, SqueezedClassifier.GradientMode.BPDA));
        return views;
    }

    /** Bit-depth squeezing, followed by a median filter for spectrograms. */
    private static Squeezer inferenceSqueezer(ExperimentConfig.DefenseConfig d, PreparedData data) {
        Squeezer bits = new BitDepthSqueezer(d.squeezingBits(), data.box());
        if (!data.spectrograms() || d.medianSize() < 2) {
            return bits;
        }
        return new ComposedSqueezer(List.of(bits, new MedianFilterSqueezer(d.medianSize(), d.medianSize())));
    }

    private static RobustValidationMonitor robustValidation(Model model, AdversarialTrainingSpec spec, PreparedData data,
                                                            ExperimentConfig.DefenseConfig d, ThreatModel threatModel,
                                                            List<RobustValidationMonitor> created) {
        if (d.robustValidationSamples() == 0) {
            return null;
        }
        LabeledData validation = AttackSubset.of(data.validation().data(), d.robustValidationSamples(), spec.seed());
        RobustValidationMonitor monitor = new RobustValidationMonitor(model, validation, data.classes(),
                threatModel, Math.max(spec.steps(), 5), 0.2, warning -> System.out.println("WARNING " + warning));
        created.add(monitor);
        return monitor;
    }

    private static TrainingStage.Trained withRobustValidation(TrainingStage.Trained trained, RobustValidationMonitor monitor) {
        List<ModelMetrics.RobustEpoch> epochs = monitor.entries().stream()
                .map(e -> new ModelMetrics.RobustEpoch(e.epoch(), e.pgdAccuracy(), e.fgsmAccuracy(), e.warning())).toList();
        return new TrainingStage.Trained(trained.name(), trained.model(), trained.spec(), trained.checkpoint(),
                trained.metrics().withRobustValidation(epochs));
    }

    private static void checklist(String name, String checkpoint, Classifier model, LabeledData subset, PreparedData data,
                                  AttackFactory factory, ExperimentConfig.AttackConfig a, List<Checklist> checklists) {
        if (a.checklist()) {
            checklists.add(ChecklistRunner.run(name, checkpoint, model, subset, data, factory, a));
        }
    }

    /** The detector calibrated on validation data, attacked with FGSM (naive) and a detector-aware PGD (adaptive). */
    private static List<DetectorReport> detector(Settings settings, PreparedData data, Model baseline, LabeledData subset,
                                                 AttackFactory factory) {
        ExperimentConfig.DefenseConfig d = settings.defenses();
        List<Squeezer> squeezers = new ArrayList<>(List.of(new BitDepthSqueezer(d.squeezingBits(), data.box())));
        if (data.spectrograms() && d.medianSize() >= 2) {
            squeezers.add(new MedianFilterSqueezer(d.medianSize(), d.medianSize()));
        }
        FeatureSqueezingDetector detector = new FeatureSqueezingDetector(baseline, squeezers);
        int batch = settings.attacks().batchSize();
        LabeledData calibration = AttackSubset.of(data.validation().data(), 1000, settings.seed());
        detector.calibrate(calibration.inputs(), d.detectorFalsePositiveRate(), batch);
        double[] cleanScores = detector.scores(subset.inputs(), batch);
        int[] predicted = Metrics.argmaxRows(Inference.logits(baseline, subset.inputs(), batch));
        boolean[] correct = new boolean[predicted.length];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = predicted[i] == subset.labels()[i];
        }
        List<DetectorReport> reports = new ArrayList<>();
        AttackResult fgsm = factory.fgsm(factory.budgets().reference()).run(baseline, subset.inputs(), subset.labels());
        reports.add(DetectorEvaluation.evaluate(detector, cleanScores, correct, fgsm, detector.scores(fgsm.adversarial(), batch), false));
        AttackResult aware = factory.adaptivePgd(DetectorAwareObjective.factory(detector, 10, 0.8), "detector-aware")
                .run(baseline, subset.inputs(), subset.labels());
        reports.add(DetectorEvaluation.evaluate(detector, cleanScores, correct, aware, detector.scores(aware.adversarial(), batch), true));
        return reports;
    }
}

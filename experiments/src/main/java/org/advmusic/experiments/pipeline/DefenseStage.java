package org.advmusic.experiments.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.defenses.DefenseComparison;
import org.advmusic.defenses.DefenseEvaluation;
import org.advmusic.defenses.DefenseRow;
import org.advmusic.defenses.EvaluationKind;
import org.advmusic.defenses.adversarial.AdversarialTraining;
import org.advmusic.defenses.adversarial.AdversarialTrainingSpec;
import org.advmusic.defenses.adversarial.RobustValidationMonitor;
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
import org.advmusic.nn.Classifier;
import org.advmusic.nn.Model;
import org.advmusic.nn.metrics.Metrics;
import org.advmusic.nn.train.Inference;
import org.advmusic.nn.train.LabeledData;

/**
 * The seeds' comparison: trains the defended models (PGD adversarial training mixed 50/50 and pure,
 * fast FGSM-RS training, training on squeezed inputs), evaluates each beside the baseline under FGSM
 * and PGD at the configured budgets (naive and adaptive numbers side by side for the squeezers),
 * calibrates the feature-squeezing detector and attacks it naively and adaptively, and runs the
 * sanity checklist on every defended model.
 */
public final class DefenseStage {
    private DefenseStage() {
    }

    public static void run(ExperimentConfig config, PreparedData data, TrainingStage.Trained baseline, Backend backend,
                           RunDirectory run) {
        ExperimentConfig.DefenseConfig d = config.defenses();
        Norm norm = Norm.parse(config.attacks().norm());
        int epochs = d.epochs() != null ? d.epochs() : config.training().epochs();
        LabeledData subset = AttackSubset.of(data.test().data(), config.attacks().samples(), config.seed());
        DefenseEvaluation.Settings settings = new DefenseEvaluation.Settings(norm, data.box(), d.evaluationEpsilons(),
                d.evaluationPgdSteps(), config.attacks().batchSize(), config.seed());
        List<DefenseRow> rows = new ArrayList<>();
        DefenseRow baselineRow = evaluate("baseline", baseline.description(), Map.of(EvaluationKind.WHITE_BOX, baseline.model()),
                subset, data, settings, Double.NaN, baseline.seconds());
        rows.add(baselineRow);
        double baselineClean = baselineRow.cleanAccuracy();

        Map<String, AdversarialTrainingSpec> adversarial = new LinkedHashMap<>();
        if (d.mixed()) {
            adversarial.put("adversarial-mixed", AdversarialTrainingSpec.pgd(norm, d.epsilon(), d.pgdSteps(), 0.5, config.seed()));
        }
        if (d.pure()) {
            adversarial.put("adversarial-pure", AdversarialTrainingSpec.pgd(norm, d.epsilon(), d.pgdSteps(), 1.0, config.seed()));
        }
        if (d.fast()) {
            adversarial.put("adversarial-fast", AdversarialTrainingSpec.fast(norm, d.epsilon(), config.seed()));
        }
        for (Map.Entry<String, AdversarialTrainingSpec> e : adversarial.entrySet()) {
            AdversarialTrainingSpec spec = e.getValue();
            List<RobustValidationMonitor> monitors = new ArrayList<>();
            TrainingStage.Plan plan = new TrainingStage.Plan(e.getKey(), spec.describe(),
                    new AdversarialTraining(spec, data.box()),
                    model -> robustValidation(model, spec, data, d, norm, monitors), spec.toMap(), epochs);
            TrainingStage.Trained trained = TrainingStage.train(plan, config, data, backend, run);
            if (!monitors.isEmpty()) {
                recordRobustValidation(run, e.getKey(), monitors.get(0));
            }
            rows.add(evaluate(e.getKey(), spec.describe(), Map.of(EvaluationKind.WHITE_BOX, trained.model()), subset, data,
                    settings, baselineClean, trained.seconds()));
            checklist(e.getKey(), trained.model(), subset, data, config, run);
        }

        if (d.squeezingTrainingBits() > 0) {
            Squeezer bits = new BitDepthSqueezer(d.squeezingTrainingBits(), data.box());
            Map<String, Object> defense = Map.of("type", "squeezing-training", "squeezer", bits.name());
            TrainingStage.Trained trained = TrainingStage.train(new TrainingStage.Plan("squeezing-trained",
                    "trained and evaluated with " + bits.name() + " squeezing", new SqueezingTraining(bits), null, defense, epochs),
                    config, data, backend, run);
            rows.add(evaluate("squeezing-trained", "trained and evaluated with " + bits.name() + " squeezing",
                    squeezedViews(trained.model(), bits), subset, data, settings, baselineClean, trained.seconds()));
            checklist("squeezing-trained", new SqueezedClassifier(trained.model(), bits, SqueezedClassifier.GradientMode.BPDA),
                    subset, data, config, run);
        }

        Squeezer atInference = inferenceSqueezer(d, data);
        rows.add(evaluate("squeezing-inference", "baseline behind " + atInference.name() + " at inference",
                squeezedViews(baseline.model(), atInference), subset, data, settings, baselineClean, Double.NaN));
        checklist("squeezing-inference", new SqueezedClassifier(baseline.model(), atInference, SqueezedClassifier.GradientMode.BPDA),
                subset, data, config, run);

        List<DetectorReport> detectors = detector(config, data, baseline.model(), subset, norm);
        DefenseComparison comparison = new DefenseComparison(rows, detectors);
        run.metrics().set("defenses", comparison.toJson("PGD-" + d.evaluationPgdSteps(), d.evaluationEpsilons()));
        run.saveMetrics();
    }

    private static DefenseRow evaluate(String name, String description, Map<EvaluationKind, Classifier> views, LabeledData subset,
                                       PreparedData data, DefenseEvaluation.Settings settings, double baselineClean,
                                       double trainingSeconds) {
        long start = System.nanoTime();
        System.out.printf("evaluating %s under FGSM and PGD at eps %s ...%n", name, java.util.Arrays.toString(settings.epsilons()));
        DefenseRow row = DefenseEvaluation.evaluate(name, description, views, subset.inputs(), subset.labels(), data.classes(),
                settings, baselineClean, trainingSeconds);
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
                                                            ExperimentConfig.DefenseConfig d, Norm norm,
                                                            List<RobustValidationMonitor> created) {
        if (d.robustValidationSamples() == 0) {
            return null;
        }
        LabeledData validation = AttackSubset.of(data.validation().data(), d.robustValidationSamples(), spec.seed());
        RobustValidationMonitor monitor = new RobustValidationMonitor(model, validation, data.classes(),
                new ThreatModel(norm, spec.epsilon(), data.box(), Targeting.untargeted()), Math.max(spec.steps(), 5), 0.2,
                warning -> System.out.println("WARNING " + warning));
        created.add(monitor);
        return monitor;
    }

    private static void recordRobustValidation(RunDirectory run, String model, RobustValidationMonitor monitor) {
        for (com.fasterxml.jackson.databind.JsonNode entry : run.metrics().withArray("models")) {
            if (model.equals(entry.path("name").asText())) {
                ArrayNode epochs = ((ObjectNode) entry.get("training")).putArray("robust_validation");
                for (RobustValidationMonitor.Entry e : monitor.entries()) {
                    ObjectNode node = epochs.addObject().put("epoch", e.epoch()).put("pgd_accuracy", e.pgdAccuracy())
                            .put("fgsm_accuracy", e.fgsmAccuracy());
                    if (e.warning() == null) {
                        node.putNull("warning");
                    } else {
                        node.put("warning", e.warning());
                    }
                }
            }
        }
        run.saveMetrics();
    }

    private static void checklist(String name, Classifier model, LabeledData subset, PreparedData data, ExperimentConfig config,
                                  RunDirectory run) {
        if (config.attacks().checklist()) {
            ChecklistRunner.run(name, model, subset, data, config, run);
        }
    }

    /** The detector calibrated on validation data, attacked with FGSM (naive) and a detector-aware PGD (adaptive). */
    private static List<DetectorReport> detector(ExperimentConfig config, PreparedData data, Model baseline, LabeledData subset,
                                                 Norm norm) {
        ExperimentConfig.DefenseConfig d = config.defenses();
        List<Squeezer> squeezers = new ArrayList<>(List.of(new BitDepthSqueezer(d.squeezingBits(), data.box())));
        if (data.spectrograms() && d.medianSize() >= 2) {
            squeezers.add(new MedianFilterSqueezer(d.medianSize(), d.medianSize()));
        }
        FeatureSqueezingDetector detector = new FeatureSqueezingDetector(baseline, squeezers);
        int batch = config.attacks().batchSize();
        LabeledData calibration = AttackSubset.of(data.validation().data(), 1000, config.seed());
        detector.calibrate(calibration.inputs(), d.detectorFalsePositiveRate(), batch);
        double[] cleanScores = detector.scores(subset.inputs(), batch);
        int[] predicted = Metrics.argmaxRows(Inference.logits(baseline, subset.inputs(), batch));
        boolean[] correct = new boolean[predicted.length];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = predicted[i] == subset.labels()[i];
        }
        double eps = config.attacks().checklistEpsilon();
        ThreatModel tm = new ThreatModel(norm, eps, data.box(), Targeting.untargeted());
        int steps = d.evaluationPgdSteps();
        List<DetectorReport> reports = new ArrayList<>();
        AttackResult fgsm = new Fgsm(tm).run(baseline, subset.inputs(), subset.labels());
        reports.add(DetectorEvaluation.evaluate(detector, cleanScores, correct, fgsm, detector.scores(fgsm.adversarial(), batch), false));
        AttackResult aware = new Pgd(tm, new Pgd.Settings(steps, 2.5 * eps / steps, true, 1, false, config.seed()),
                DetectorAwareObjective.factory(detector, 10, 0.8), "PGD-" + steps + " detector-aware")
                .run(baseline, subset.inputs(), subset.labels());
        reports.add(DetectorEvaluation.evaluate(detector, cleanScores, correct, aware, detector.scores(aware.adversarial(), batch), true));
        return reports;
    }
}

package org.advmusic.experiments.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.defenses.adversarial.AdversarialTraining;
import org.advmusic.defenses.adversarial.AdversarialTrainingSpec;
import org.advmusic.defenses.adversarial.RobustValidationMonitor;
import org.advmusic.defenses.adversarial.SqueezedAdversarialTraining;
import org.advmusic.defenses.squeezing.FeatureSqueezingDetector;
import org.advmusic.defenses.squeezing.SqueezedClassifier;
import org.advmusic.defenses.squeezing.Squeezer;
import org.advmusic.defenses.squeezing.SqueezingTraining;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.DefenseMetrics;
import org.advmusic.experiments.results.DefenseSampleRow;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.Model;
import org.advmusic.nn.train.LabeledData;

/**
 * The seeds' comparison: trains the defended models (PGD adversarial training mixed 50/50 and pure,
 * fast FGSM-RS training, seed 002's adversarial training on squeezed inputs with squeezing at
 * inference, training on squeezed inputs), evaluates each beside the baseline under FGSM
 * and PGD at the configured budgets (naive and adaptive numbers side by side for the squeezers),
 * calibrates the feature-squeezing detector and attacks it naively and adaptively, and runs the
 * sanity checklist on every defended model. The evaluation's unit of work is a track in a defense cell
 * ({@link DefenseTrackEvaluator}), exactly as a sweep's tasks run it; the tables are aggregated from its
 * per-sample rows ({@link DefenseAggregation}).
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

    /** The per-sample rows of the comparison, relative to the run folder. */
    public static final String SAMPLES_FILE = "samples/defenses.csv";

    /** The baseline's name in the comparison. */
    public static final String BASELINE = "baseline";

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

    /**
     * Trains the defended models, evaluates the comparison per track ({@link DefenseTrackEvaluator}: the
     * attacked tracks of the robustness grid, every defense cell seeded per track and cell) and aggregates
     * its rows ({@link DefenseAggregation}), written as {@link #SAMPLES_FILE}.
     */
    public static Outcome run(Settings settings, PreparedData data, TrainingStage.Trained baseline, AttackFactory factory,
                              Backend backend, RunDirectory run) {
        Attacked attacked = Attacked.of(data, settings.attacks().samples(), settings.seed());
        Defended defended = train(settings, data, baseline, factory, backend, run, attacked.subset());
        FeatureSqueezingDetector detector = detector(settings, data, baseline.model());
        List<DefenseCell> cells = DefenseCell.grid(defended.compared(), factory, settings.defenses(), settings.attacks());
        List<DefenseTrackEvaluator.Target> targets = new ArrayList<>();
        for (DefendedModel model : defended.compared()) {
            TrainingStage.Trained weights = defended.weights(model.weights(), baseline);
            targets.add(new DefenseTrackEvaluator.Target(model, weights.checkpoint(),
                    model.views(weights.model(), settings.defenses(), data.box(), data.spectrograms())));
        }
        List<DefenseSampleRow> rows;
        long samples = attacked.tracks().stream().mapToLong(TrackInputs::segments).sum();
        try (Progress progress = Progress.start("evaluating the defenses", cells.size() * samples, "samples")) {
            rows = new DefenseTrackEvaluator(targets, detector, factory, data.inputShape().dims(), backend)
                    .evaluate(attacked.tracks(), cells, Set.of(), progress::stepTo);
            progress.done();
        }
        rows = inGridOrder(rows, cells);
        DefenseAggregation.write(run.file(SAMPLES_FILE), rows);
        DefenseMetrics metrics = metrics(settings, DefenseAggregation.aggregate(rows, cells, defended.compared(),
                context(data, factory, detector)), baseline.checkpoint());
        return new Outcome(defended.models(), defended.checklists(), metrics);
    }

    /**
     * The samples the comparison attacks: on audio data the robustness grid's tracks (whole tracks, see
     * {@link AttackTracks}); on tabular data a seeded sample of rows grouped by track.
     *
     * @param tracks each track's inputs, the unit of work
     * @param subset the same samples as one data set (the checklists run on it)
     */
    public record Attacked(List<TrackInputs> tracks, LabeledData subset) {
        /** The attacked samples of {@code data}'s test split. */
        public static Attacked of(PreparedData data, int samples, long seed) {
            PreparedData.Split test = data.test();
            if (test.origins() != null) {
                List<AttackTrack> tracks = AttackTracks.select(test, samples, seed);
                return new Attacked(AttackTracks.featuresOf(test, tracks), test.data().subset(AttackTracks.rowsOf(test, tracks)));
            }
            Map<String, List<Integer>> byTrack = new LinkedHashMap<>();
            for (int row : AttackSubset.rows(test.data().size(), samples, seed)) {
                byTrack.computeIfAbsent(test.trackIds()[row], k -> new ArrayList<>()).add(row);
            }
            int perSample = test.data().sampleShape().size();
            float[] all = test.data().inputs().toFloatArray();
            List<TrackInputs> tracks = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : byTrack.entrySet()) {
                List<Integer> rows = e.getValue();
                int label = test.data().labels()[rows.get(0)];
                float[] values = new float[rows.size() * perSample];
                for (int k = 0; k < rows.size(); k++) {
                    if (test.data().labels()[rows.get(k)] != label) {
                        throw new IllegalArgumentException("track " + e.getKey() + " of the test split has samples of classes "
                                + label + " and " + test.data().labels()[rows.get(k)] + "; expected one class per track");
                    }
                    System.arraycopy(all, rows.get(k) * perSample, values, k * perSample, perSample);
                }
                tracks.add(new TrackInputs(new AttackTrack(e.getKey(), label, null), rows.size(), 0, 0, values, null));
            }
            int[] rows = byTrack.values().stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
            return new Attacked(tracks, test.data().subset(rows));
        }
    }

    /**
     * The trained defended models and the comparison's list.
     *
     * @param models     the defended models, trained and measured, in training order
     * @param checklists their sanity checklists (and the squeezed baseline's)
     * @param compared   the comparison's models, the baseline first, in table order
     */
    public record Defended(List<TrainingStage.Trained> models, List<Checklist> checklists, List<DefendedModel> compared) {
        /** The trained model named {@code name}, or the baseline. */
        public TrainingStage.Trained weights(String name, TrainingStage.Trained baseline) {
            return name.equals(BASELINE) ? baseline
                    : models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no defended model named " + name + " was trained"));
        }
    }

    /**
     * Trains every defended model of {@code defenses} (on the driver of a sweep: training is not a grid
     * over test tracks), each followed by its sanity checklist on {@code subset} when {@code attacks.checklist}.
     */
    public static Defended train(Settings settings, PreparedData data, TrainingStage.Trained baseline, AttackFactory factory,
                                 Backend backend, RunDirectory run, LabeledData subset) {
        ExperimentConfig.DefenseConfig d = settings.defenses();
        ExperimentConfig.AttackConfig a = settings.attacks();
        TrainingStage.Recipe recipe = settings.training();
        int epochs = settings.epochs();
        baseline.model().eval();
        List<TrainingStage.Trained> models = new ArrayList<>();
        List<Checklist> checklists = new ArrayList<>();
        List<DefendedModel> compared = new ArrayList<>();
        compared.add(new DefendedModel(BASELINE, baseline.description(), baseline.seconds(), BASELINE,
                DefendedModel.Squeezing.NONE));

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
            compared.add(new DefendedModel(e.getKey(), spec.describe(), trained.seconds(), e.getKey(), DefendedModel.Squeezing.NONE));
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
            Squeezer bits = DefendedModel.Squeezing.BITS.squeezer(d, data.box(), data.spectrograms());
            SqueezedAdversarialTraining transform = new SqueezedAdversarialTraining(
                    factory.adversarialTraining(e.getValue()), data.box(), bits);
            TrainingStage.Trained trained = TrainingStage.train(TrainingStage.Plan.standard(e.getKey(), transform.describe(), epochs)
                    .withDefense(transform, transform.toMap()), recipe, data, backend, run, false);
            models.add(trained);
            compared.add(new DefendedModel(e.getKey(), transform.describe(), trained.seconds(), e.getKey(),
                    DefendedModel.Squeezing.BITS));
            checklist(e.getKey(), trained.checkpoint(),
                    new SqueezedClassifier(trained.model(), bits, SqueezedClassifier.GradientMode.BPDA), subset, data, factory, a,
                    checklists);
        }

        if (d.squeezingTrainingBits() > 0) {
            Squeezer bits = DefendedModel.Squeezing.TRAINING_BITS.squeezer(d, data.box(), data.spectrograms());
            Map<String, Object> defense = Map.of("type", "squeezing-training", "squeezer", bits.name());
            String description = "trained and evaluated with " + bits.name() + " squeezing";
            TrainingStage.Trained trained = TrainingStage.train(TrainingStage.Plan.standard("squeezing-trained", description, epochs)
                    .withDefense(new SqueezingTraining(bits), defense), recipe, data, backend, run, false);
            models.add(trained);
            compared.add(new DefendedModel("squeezing-trained", description, trained.seconds(), "squeezing-trained",
                    DefendedModel.Squeezing.TRAINING_BITS));
            checklist("squeezing-trained", trained.checkpoint(),
                    new SqueezedClassifier(trained.model(), bits, SqueezedClassifier.GradientMode.BPDA), subset, data, factory, a,
                    checklists);
        }

        Squeezer atInference = DefendedModel.Squeezing.INFERENCE.squeezer(d, data.box(), data.spectrograms());
        compared.add(new DefendedModel("squeezing-inference", "baseline behind " + atInference.name() + " at inference", Double.NaN,
                BASELINE, DefendedModel.Squeezing.INFERENCE));
        checklist("squeezing-inference", baseline.checkpoint(),
                new SqueezedClassifier(baseline.model(), atInference, SqueezedClassifier.GradientMode.BPDA), subset, data, factory,
                a, checklists);
        return new Defended(models, checklists, compared);
    }

    /** The defense section of {@code metrics.json} from the comparison's aggregated rows (the stage's or a sweep's). */
    public static DefenseMetrics metrics(Settings settings, DefenseAggregation.Result result, String baselineCheckpoint) {
        ExperimentConfig.DefenseConfig d = settings.defenses();
        return DefenseMetrics.of(baselineCheckpoint, result.comparison(), "PGD-" + d.evaluationPgdSteps(),
                d.evaluationEpsilons(), d.minimumNorm() ? result.minimumNorm() : List.of());
    }

    /** What the comparison's rows are aggregated with: the data's box and classes, the detector's name and threshold. */
    public static DefenseAggregation.Context context(PreparedData data, AttackFactory factory, FeatureSqueezingDetector detector) {
        return new DefenseAggregation.Context(data.box(), data.classes(), factory.minimumNormBudgets().positive(), detector.name(),
                detector.threshold());
    }

    /** {@code rows} grouped by cell in grid order, each cell's rows in their given order (a new list). */
    public static List<DefenseSampleRow> inGridOrder(List<DefenseSampleRow> rows, List<DefenseCell> cells) {
        Map<String, List<DefenseSampleRow>> byCell = new LinkedHashMap<>();
        cells.forEach(c -> byCell.put(c.key(), new ArrayList<>()));
        rows.forEach(r -> byCell.get(r.sample().cell()).add(r));
        return byCell.values().stream().flatMap(List::stream).toList();
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

    /**
     * The feature-squeezing detector on {@code baseline}, its threshold calibrated on up to 1000 seeded
     * clean validation samples at {@code defenses.detector_false_positive_rate} (on the driver of a sweep,
     * whose executors rebuild it with this threshold).
     */
    public static FeatureSqueezingDetector detector(Settings settings, PreparedData data, Classifier baseline) {
        ExperimentConfig.DefenseConfig d = settings.defenses();
        FeatureSqueezingDetector detector = new FeatureSqueezingDetector(baseline,
                DefendedModel.detectorSqueezers(d, data.box(), data.spectrograms()));
        LabeledData calibration = AttackSubset.of(data.validation().data(), 1000, settings.seed());
        detector.calibrate(calibration.inputs(), d.detectorFalsePositiveRate(), settings.attacks().batchSize());
        return detector;
    }
}

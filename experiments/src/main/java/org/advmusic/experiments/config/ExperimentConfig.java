package org.advmusic.experiments.config;

import java.util.List;
import org.advmusic.audio.features.SpectrogramPreprocessing;

/**
 * A resolved experiment configuration (JSON fields in snake_case; see {@code defaults.json} for every
 * field and its default). Constructing it validates every value.
 *
 * @param name    the run's name: results go to {@code output/name}
 * @param seed    the master seed
 * @param device  cpu, cuda, reference or auto
 * @param threads CPU threads (0: all cores)
 * @param output  the folder that holds run folders
 * @param instruments the instrument study (seed 004); when enabled, {@code demo} runs it instead of the genre pipeline
 */
public record ExperimentConfig(String name, long seed, String device, int threads, String output, DataConfig data,
                               ModelConfig model, TrainingConfig training, AttackConfig attacks,
                               DefenseConfig defenses, GradCamConfig gradcam, AudioConfig audio,
                               InstrumentsConfig instruments, StudyConfig study) {

    /** Validates the top-level fields. */
    public ExperimentConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]+") || name.matches("\\.+")) {
            throw new ConfigException("config field 'name' is '" + name + "'; expected letters, digits, '.', '_' or '-'"
                    + " (not only dots: the run folder must be inside 'output')");
        }
        Check.oneOf("device", device, List.of("auto", "cpu", "cuda", "reference"));
        Check.atLeast("threads", threads, 0);
        Check.required("output", output);
        Check.required("data", data);
        Check.required("model", model);
        Check.required("training", training);
        Check.required("attacks", attacks);
        Check.required("defenses", defenses);
        Check.required("gradcam", gradcam);
        Check.required("audio", audio);
        Check.required("instruments", instruments);
        for (int i = 0; i < defenses.evaluationEpsilons().length; i++) {
            Check.member("defenses.evaluation_epsilons[" + i + "]", defenses.evaluationEpsilons()[i], "attacks.epsilons",
                    attacks.epsilons());
        }
        if (study != null && study.table5Epsilon() != null) {
            Check.member("study.table5_epsilon", study.table5Epsilon(), "defenses.evaluation_epsilons",
                    defenses.evaluationEpsilons());
        }
    }

    /**
     * Several models in one run (null: one model, {@code model} and {@code training}). Data are
     * prepared once; every stage runs per model in {@code <run>/<name>/}; the seeds' tables show the
     * models side by side in {@code <run>/tables/}.
     *
     * @param models        the models, each a name and {@code --set}-style overrides of this config
     *                      (architecture, width, training recipe)
     * @param table5Epsilon the PGD budget of Table 5 (the seed does not state one), one of
     *                      {@code defenses.evaluation_epsilons}; null: the largest of them
     */
    public record StudyConfig(List<StudyModel> models, Double table5Epsilon) {
        public StudyConfig {
            if (models == null || models.isEmpty()) {
                throw new ConfigException("config field 'study.models' lists no model; a study needs at least one"
                        + " {\"name\": ..., \"set\": [\"model.architecture=...\"]}");
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < models.size(); i++) {
                if (!names.add(models.get(i).name())) {
                    throw new ConfigException("config field 'study.models[" + i + "].name' is '" + models.get(i).name()
                            + "', which an earlier model already uses; model names must be distinct");
                }
            }
            models = List.copyOf(models);
        }
    }

    /**
     * One model of a study.
     *
     * @param name its folder and its name in the tables
     * @param set  overrides of the study's config, e.g. {@code model.architecture=ResNet18}
     */
    public record StudyModel(String name, List<String> set) {
        public StudyModel {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException("config field 'study.models[].name' is '" + name
                        + "'; expected letters, digits, '.', '_' or '-'");
            }
            set = set == null ? List.of() : List.copyOf(set);
        }
    }

    /** Where the data comes from and how it is split. */
    public record DataConfig(String source, String path, String cache, SyntheticConfig synthetic, int maxSegmentsPerTrack,
                             SplitConfig split, boolean featuresPerSegment, String preprocessing) {
        /** The data sources the command line knows. */
        public static final List<String> SOURCES = List.of("synthetic", "gtzan", "gtzan-features", "msd", "irmas");

        public DataConfig {
            Check.oneOf("data.source", source, SOURCES);
            Check.required("data.path", path);
            Check.required("data.synthetic", synthetic);
            Check.atLeast("data.max_segments_per_track", maxSegmentsPerTrack, 1);
            Check.required("data.split", split);
            Check.oneOf("data.preprocessing", preprocessing, SpectrogramPreprocessing.configNames());
        }

        /** Whether the inputs are log-mel spectrograms (else tabular feature vectors). */
        public boolean spectrograms() {
            return source.equals("synthetic") || source.equals("gtzan") || source.equals("irmas");
        }
    }

    /** The embedded synthetic genre set. */
    public record SyntheticConfig(int tracksPerGenre, double seconds, long seed, String soundfont) {
        public SyntheticConfig {
            Check.atLeast("data.synthetic.tracks_per_genre", tracksPerGenre, 3);
            Check.within("data.synthetic.seconds", seconds, 3, 60);
        }
    }

    /** A per-track split: fractions, or list files. */
    public record SplitConfig(double train, double validation, double test, long seed, String trainList,
                              String validationList, String testList) {
        public SplitConfig {
            Check.within("data.split.train", train, 0.01, 0.98);
            Check.within("data.split.validation", validation, 0.01, 0.98);
            Check.within("data.split.test", test, 0.01, 0.98);
            if (Math.abs(train + validation + test - 1) > 1e-9) {
                throw new ConfigException("config fields 'data.split.train/validation/test' sum to " + (train + validation + test)
                        + "; expected 1");
            }
            if ((trainList == null) != (validationList == null) || (trainList == null) != (testList == null)) {
                throw new ConfigException("config fields 'data.split.train_list/validation_list/test_list': give all three or none");
            }
        }
    }

    /**
     * The architecture.
     *
     * @param width      GenreCnn's or ResNet18's width multiplier (ResNet18: at most 1)
     * @param pretrained a torchvision resnet18 ImageNet state dict (safetensors) to start a ResNet18 from, or null
     */
    public record ModelConfig(String architecture, double width, List<Integer> hidden, double dropout, boolean batchNorm,
                              String pretrained) {
        public static final List<String> ARCHITECTURES = List.of("GenreCnn", "ResNet18", "Mlp");

        public ModelConfig {
            Check.oneOf("model.architecture", architecture, ARCHITECTURES);
            Check.within("model.width", width, 0.0625, architecture.equals("ResNet18") ? 1 : 4);
            if (pretrained != null && !architecture.equals("ResNet18")) {
                throw new ConfigException("config field 'model.pretrained' is " + pretrained + " but model.architecture is "
                        + architecture + "; pretrained ImageNet weights exist for ResNet18 only");
            }
            Check.required("model.hidden", hidden);
            for (int i = 0; i < hidden.size(); i++) {
                Check.atLeast("model.hidden[" + i + "]", hidden.get(i), 1);
            }
            Check.within("model.dropout", dropout, 0, 0.95);
        }
    }

    /** The training run. */
    public record TrainingConfig(int epochs, int batchSize, String optimizer, double learningRate, double weightDecay,
                                 double momentum, double labelSmoothing, int earlyStoppingPatience, String scheduler,
                                 double plateauFactor, int plateauPatience) {
        public TrainingConfig {
            Check.atLeast("training.epochs", epochs, 1);
            Check.atLeast("training.batch_size", batchSize, 2); // batch norm cannot normalise one sample
            Check.oneOf("training.optimizer", optimizer, List.of("adam", "adamw", "sgd"));
            Check.positive("training.learning_rate", learningRate);
            Check.within("training.weight_decay", weightDecay, 0, 1);
            Check.within("training.momentum", momentum, 0, 0.999);
            Check.within("training.label_smoothing", labelSmoothing, 0, 0.5);
            Check.atLeast("training.early_stopping_patience", earlyStoppingPatience, 0);
            Check.oneOf("training.scheduler", scheduler, List.of("plateau", "cosine", "step", "none"));
            Check.within("training.plateau_factor", plateauFactor, 0.01, 0.99);
            Check.atLeast("training.plateau_patience", plateauPatience, 0);
        }
    }

    /**
     * The attacks on the baseline, and the run's budget table.
     *
     * @param epsilons         every budget a curve or table is measured at (0 = clean), increasing
     * @param referenceEpsilon the one budget of the sanity checklist, the detector, Grad-CAM, the audio
     *                         examples and the genetic attack; one of {@code epsilons}
     */
    public record AttackConfig(boolean enabled, String norm, double[] epsilons, double referenceEpsilon, int samples,
                               int batchSize, int pgdSteps, int pgdRestarts, int fmnSteps, int ddnSteps, int geneticQueries,
                               boolean checklist, int checklistSamples, int examples, String minimumNormNorm,
                               double[] minimumNormEpsilons) {
        public AttackConfig {
            Check.oneOf("attacks.norm", norm, List.of("Linf", "L2"));
            if (minimumNormNorm != null) {
                Check.oneOf("attacks.minimum_norm_norm", minimumNormNorm, List.of("Linf", "L2"));
                if (!minimumNormNorm.equals(norm) && minimumNormEpsilons == null) {
                    throw new ConfigException("config field 'attacks.minimum_norm_epsilons' is null but the minimum-norm"
                            + " attacks use " + minimumNormNorm + " and attacks.epsilons are " + norm
                            + " budgets; give the " + minimumNormNorm + " budgets to state their results at");
                }
            }
            if (minimumNormEpsilons != null) {
                minimumNormEpsilons = Check.epsilons("attacks.minimum_norm_epsilons", minimumNormEpsilons);
            }
            epsilons = Check.epsilons("attacks.epsilons", epsilons);
            if (java.util.Arrays.stream(epsilons).noneMatch(e -> e > 0)) {
                throw new ConfigException("config field 'attacks.epsilons' is " + java.util.Arrays.toString(epsilons)
                        + "; expected at least one epsilon > 0 (0 is the clean point of the curves)");
            }
            Check.positive("attacks.reference_epsilon", referenceEpsilon);
            Check.member("attacks.reference_epsilon", referenceEpsilon, "attacks.epsilons", epsilons);
            Check.atLeast("attacks.samples", samples, 1);
            Check.atLeast("attacks.batch_size", batchSize, 1);
            Check.atLeast("attacks.pgd_steps", pgdSteps, 1);
            Check.atLeast("attacks.pgd_restarts", pgdRestarts, 1);
            Check.atLeast("attacks.fmn_steps", fmnSteps, 0);
            Check.atLeast("attacks.ddn_steps", ddnSteps, 0);
            Check.atLeast("attacks.genetic_queries", geneticQueries, 0);
            Check.atLeast("attacks.checklist_samples", checklistSamples, 0);
            Check.atLeast("attacks.examples", examples, 0);
        }

        /** The norm of the minimum-norm attacks (FMN, DDN): {@code minimum_norm_norm}, else {@code norm}. */
        public String minimumNorm() {
            return minimumNormNorm != null ? minimumNormNorm : norm;
        }
    }

    /**
     * The defended models and their evaluation.
     *
     * @param epsilon            the adversarial-training budget; null: the reference budget
     * @param squeezedMixed      seed 002's "Squeezing (Mixed)": 50/50 adversarial training on inputs squeezed to
     *                           {@code squeezingBits}, the same squeezing at inference
     * @param squeezedPure       the same with 100% adversarial batches ("Squeezing (Pure)")
     * @param minimumNorm        also evaluate every model under the minimum-norm attacks (FMN, DDN in their own norm)
     * @param evaluationEpsilons the budgets of the defense tables, each one of {@code attacks.epsilons}, > 0
     */
    public record DefenseConfig(boolean enabled, Double epsilon, int pgdSteps, boolean mixed, boolean pure, boolean fast,
                                boolean squeezedMixed, boolean squeezedPure, int squeezingTrainingBits, int squeezingBits, int medianSize,
                                double detectorFalsePositiveRate, double[] evaluationEpsilons, int evaluationPgdSteps,
                                Integer epochs, int robustValidationSamples, boolean minimumNorm) {
        public DefenseConfig {
            if (epsilon != null) {
                Check.positive("defenses.epsilon", epsilon);
            }
            Check.atLeast("defenses.pgd_steps", pgdSteps, 1);
            Check.atLeast("defenses.squeezing_training_bits", squeezingTrainingBits, 0);
            Check.within("defenses.squeezing_training_bits", squeezingTrainingBits, 0, 8);
            Check.within("defenses.squeezing_bits", squeezingBits, 1, 8);
            Check.within("defenses.median_size", medianSize, 1, 5);
            Check.within("defenses.detector_false_positive_rate", detectorFalsePositiveRate, 0.001, 0.5);
            evaluationEpsilons = Check.epsilons("defenses.evaluation_epsilons", evaluationEpsilons);
            for (int i = 0; i < evaluationEpsilons.length; i++) {
                Check.positive("defenses.evaluation_epsilons[" + i + "]", evaluationEpsilons[i]);
            }
            Check.atLeast("defenses.evaluation_pgd_steps", evaluationPgdSteps, 1);
            if (epochs != null) {
                Check.atLeast("defenses.epochs", epochs, 1);
            }
            Check.atLeast("defenses.robust_validation_samples", robustValidationSamples, 0);
        }
    }

    /**
     * Grad-CAM analyses.
     *
     * @param explainedClass which class the clean maps explain: true, predicted (the seeds' choice for natural
     *                       failures; the same map for correct samples) or both side by side
     */
    public record GradCamConfig(boolean enabled, String layer, int perClass, int misclassified, boolean plusPlus,
                                String explainedClass) {
        public GradCamConfig {
            Check.oneOf("gradcam.explained_class", explainedClass, List.of("true", "predicted", "both"));
            Check.atLeast("gradcam.per_class", perClass, 0);
            Check.atLeast("gradcam.misclassified", misclassified, 0);
        }
    }

    /**
     * The waveform study: attacks in the waveform itself, with budgets a listener understands.
     *
     * @param examples             test tracks attacked (0: no waveform study)
     * @param pgdPeakDbfs          the waveform PGD-Linf budget: the perturbation's peak level in dBFS (< 0; -40 dBFS
     *                             is an amplitude of 0.01)
     * @param perturbationPeakDbfs the peak level the perturbation file is scaled to, so that it can be heard (<= 0)
     * @param snrBudgetsDb         the SNR budgets (dB, > 0) of the robustness curve: a track counts as fooled at S when
     *                             its minimal L2 perturbation has an SNR of at least S; sorted increasing
     * @param peakBudgetsDbfs      the peak budgets (dBFS, < 0) of the curve: fooled at P when the minimal Linf
     *                             perturbation's peak is at most P; sorted increasing
     */
    public record AudioConfig(int examples, double pgdPeakDbfs, double perturbationPeakDbfs, double[] snrBudgetsDb,
                              double[] peakBudgetsDbfs) {
        public AudioConfig {
            Check.atLeast("audio.examples", examples, 0);
            Check.negativeDecibels("audio.pgd_peak_dbfs", pgdPeakDbfs, "dBFS", false);
            Check.negativeDecibels("audio.perturbation_peak_dbfs", perturbationPeakDbfs, "dBFS", true);
            snrBudgetsDb = Check.budgetList("audio.snr_budgets_db", snrBudgetsDb, "dB",
                    (field, value) -> Check.positive(field, value));
            peakBudgetsDbfs = Check.budgetList("audio.peak_budgets_dbfs", peakBudgetsDbfs, "dBFS",
                    (field, value) -> Check.negativeDecibels(field, value, "dBFS", false));
        }
    }
}

package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.experiments.results.ResultsJson;
import org.advmusic.nn.Model;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.checkpoint.ModelSpec;
import org.advmusic.nn.interop.TorchvisionResNet18;
import org.advmusic.nn.metrics.ConfusionMatrix;
import org.advmusic.nn.metrics.Metrics;
import org.advmusic.nn.metrics.SongLevelAccuracy;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.models.ResNet18;
import org.advmusic.nn.optim.Adam;
import org.advmusic.nn.optim.AdamW;
import org.advmusic.nn.optim.Optimizer;
import org.advmusic.nn.optim.Sgd;
import org.advmusic.nn.train.BatchTransform;
import org.advmusic.nn.train.CosineAnnealing;
import org.advmusic.nn.train.EarlyStopping;
import org.advmusic.nn.train.EpochRecord;
import org.advmusic.nn.train.Inference;
import org.advmusic.nn.train.Monitor;
import org.advmusic.nn.train.ReduceOnPlateau;
import org.advmusic.nn.train.StepDecay;
import org.advmusic.nn.train.Trainer;
import org.advmusic.nn.train.TrainingHistory;
import org.advmusic.nn.train.TrainingListener;
import org.advmusic.nn.train.TrainingOptions;

/** Builds a model from the configuration, trains it, saves its checkpoint and measures it on clean data. */
public final class TrainingStage {

    /**
     * A trained (or loaded) model of the run.
     *
     * @param name       also its checkpoint folder
     * @param model      the model, in evaluation mode
     * @param spec       what its checkpoint records
     * @param checkpoint the hash of its weights ({@link WeightHash})
     * @param metrics    its entry of {@code metrics.json}
     */
    public record Trained(String name, Model model, ModelSpec spec, String checkpoint, ModelMetrics metrics) {
        /** One line for tables. */
        public String description() {
            return metrics.description();
        }

        /** Training wall-clock time; NaN when unknown. */
        public double seconds() {
            return metrics.training() == null ? Double.NaN : metrics.training().seconds();
        }
    }

    /**
     * What to train; build with {@link #standard} and the {@code with...} methods.
     *
     * @param transform the batch hook (adversarial or squeezing training), or null
     * @param listener  makes an extra per-epoch listener for the freshly built model (robust validation), or null
     * @param defense   the defense spec recorded in the checkpoint, or null
     */
    public record Plan(String name, String description, int epochs, BatchTransform transform,
                       Function<Model, TrainingListener> listener, Map<String, Object> defense) {
        /** Standard training of {@code epochs} epochs. */
        public static Plan standard(String name, String description, int epochs) {
            return new Plan(name, description, epochs, null, null, null);
        }

        /** This plan with a batch transform and the defense spec it stands for. */
        public Plan withDefense(BatchTransform transform, Map<String, Object> defense) {
            return new Plan(name, description, epochs, transform, listener, defense);
        }

        /** This plan with a per-epoch listener made for the freshly built model. */
        public Plan withListener(Function<Model, TrainingListener> listener) {
            return new Plan(name, description, epochs, transform, listener, defense);
        }
    }

    /**
     * What training reads of the run's config: the architecture, the training recipe (optimizer,
     * batch size, schedule, early stopping, label smoothing) and the seed of initialisation and shuffling.
     * The number of epochs is the {@link Plan}'s.
     */
    public record Recipe(ExperimentConfig.ModelConfig model, ExperimentConfig.TrainingConfig training, long seed) {
        /** The run's recipe: its {@code model}, {@code training} and {@code seed}. */
        public static Recipe of(ExperimentConfig config) {
            return new Recipe(config.model(), config.training(), config.seed());
        }
    }

    private TrainingStage() {
    }

    /**
     * The configured architecture for this data, initialised from {@code seed}; a ResNet18 with
     * {@code model.pretrained} starts from those ImageNet weights (with a new classifier).
     *
     * @throws IllegalArgumentException when the pretrained file cannot be read or is not in torchvision's
     *                                  resnet18 layout (naming the first mismatched tensor and its shape)
     */
    public static Model build(ExperimentConfig.ModelConfig config, PreparedData data, Backend backend, long seed) {
        int classes = data.classes().size();
        return switch (config.architecture()) {
            case "GenreCnn" -> new GenreCnn(data.inputShape(), classes, config.width(), backend, seed);
            case "ResNet18" -> {
                ResNet18 model = new ResNet18(data.inputShape(), classes, config.width(), backend, seed);
                if (config.pretrained() != null) {
                    try {
                        TorchvisionResNet18.loadImageNetWeights(model, Path.of(config.pretrained()));
                    } catch (IOException e) {
                        throw new IllegalArgumentException("model.pretrained: " + e.getMessage(), e);
                    }
                }
                yield model;
            }
            default -> new Mlp(data.inputShape(), classes, new Mlp.Options(config.hidden(), config.dropout(),
                    config.batchNorm()), backend, seed);
        };
    }

    /**
     * Trains one model of the run, saves {@code checkpoints/<name>} and returns it with its metrics.
     * The training state after every epoch is kept in {@code checkpoints/<name>/training} (weights,
     * optimizer, scheduler, early stopping, random streams), so an interrupted training can continue.
     *
     * @param resume continue the interrupted training of this model exactly (the same numbers as an
     *               uninterrupted run) instead of starting afresh
     */
    public static Trained train(Plan plan, Recipe recipe, PreparedData data, Backend backend, RunDirectory run,
                                boolean resume) {
        ExperimentConfig.TrainingConfig t = recipe.training();
        Model model = build(recipe.model(), data, backend, recipe.seed());
        Optimizer optimizer = switch (t.optimizer()) {
            case "adamw" -> new AdamW(model.namedParameters(), t.learningRate(), 0.9, 0.999, 1e-8, t.weightDecay());
            case "sgd" -> new Sgd(model.namedParameters(), t.learningRate(), t.momentum(), t.weightDecay(), false);
            default -> new Adam(model.namedParameters(), t.learningRate(), 0.9, 0.999, 1e-8, t.weightDecay());
        };
        Trainer trainer = new Trainer(model, optimizer, new TrainingOptions(plan.epochs(), t.batchSize(), recipe.seed(),
                t.labelSmoothing()));
        switch (t.scheduler()) {
            case "plateau" -> trainer.scheduler(new ReduceOnPlateau(optimizer, Monitor.VALIDATION_LOSS, t.plateauFactor(),
                    t.plateauPatience(), 0));
            case "cosine" -> trainer.scheduler(new CosineAnnealing(optimizer, plan.epochs(), 0));
            case "step" -> trainer.scheduler(new StepDecay(optimizer, Math.max(1, plan.epochs() / 3), 0.1));
            default -> { }
        }
        if (t.earlyStoppingPatience() > 0) {
            trainer.earlyStopping(new EarlyStopping(Monitor.VALIDATION_LOSS, t.earlyStoppingPatience()));
        }
        if (plan.transform() != null) {
            trainer.batchTransform(plan.transform());
        }
        ModelSpec spec = ModelSpec.of(model, data.classes(), data.normalization());
        if (plan.defense() != null) {
            spec = spec.withDefense(plan.defense());
        }
        Path state = run.checkpoint(plan.name()).resolve("training");
        trainer.checkpoints(state, spec);
        if (resume) {
            try {
                trainer.resumeFrom(state);
            } catch (IOException e) {
                throw new IllegalArgumentException("train --resume: no interrupted training of " + plan.name() + " to continue ("
                        + e.getMessage() + "); run train without --resume", e);
            }
            System.out.println("resuming the training of " + plan.name() + " from " + state);
        }
        long batches = (long) plan.epochs() * Trainer.batchesPerEpoch(data.train().data().size(), t.batchSize());
        TrainingListener extra = plan.listener() == null ? null : plan.listener().apply(model);
        long start = System.nanoTime();
        TrainingHistory history;
        try (Progress progress = Progress.start("training " + plan.name(), batches, "batches")) {
            trainer.listener(new TrainingListener() {
                private long done;

                @Override
                public void batchEnded(BatchProgress p) {
                    progress.stepTo(++done);
                }

                @Override
                public void epochEnded(EpochRecord record) {
                    if (extra != null) {
                        extra.epochEnded(record);
                    }
                }
            });
            history = trainer.fit(data.train().data(), data.validation().data());
            progress.done();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        model.eval();
        try {
            Checkpoint.save(run.checkpoint(plan.name()), model, spec);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint of " + plan.name() + " cannot be written: " + e.getMessage(), e);
        }
        String hash = WeightHash.of(model);
        ModelMetrics metrics = new ModelMetrics(plan.name(), plan.description(), model.architecture(),
                (long) model.parameterCount(), plan.defense() == null ? null : ResultsJson.compact(plan.defense()), hash,
                training(history, seconds), clean(model, data, t.batchSize()));
        return new Trained(plan.name(), model, spec, hash, metrics);
    }

    static ModelMetrics.Training training(TrainingHistory history, double seconds) {
        List<ModelMetrics.Epoch> epochs = new ArrayList<>();
        for (EpochRecord r : history.epochs()) {
            epochs.add(new ModelMetrics.Epoch(r.epoch(), r.trainingLoss(), r.trainingAccuracy(),
                    r.validationLoss() == null ? Double.NaN : r.validationLoss(),
                    r.validationAccuracy() == null ? Double.NaN : r.validationAccuracy(), r.learningRate(), r.seconds()));
        }
        long best = history.bestEpoch() != null ? history.bestEpoch() : history.epochs().size();
        return new ModelMetrics.Training(seconds, (long) history.epochs().size(), best, epochs, List.of());
    }

    /**
     * Clip and song accuracy, macro F1, per-class precision/recall/accuracy and the confusion matrix on
     * the test split; a class without test samples has NaN scores and 0 samples ("no samples").
     */
    public static ModelMetrics.CleanMetrics clean(Model model, PreparedData data, int batchSize) {
        model.eval();
        PreparedData.Split test = data.test();
        double[][] logProbabilities = Inference.logProbabilities(model, test.data().inputs(), batchSize);
        int[] predicted = Metrics.argmaxRows(logProbabilities);
        int classes = data.classes().size();
        ConfusionMatrix confusion = ConfusionMatrix.of(test.data().labels(), predicted, classes);
        SongLevelAccuracy.Result songs = SongLevelAccuracy.evaluate(logProbabilities, test.data().labels(), test.trackIds());
        Map<String, ModelMetrics.ClassScores> perClass = new LinkedHashMap<>();
        long[][] counts = confusion.counts();
        int[][] matrix = new int[classes][classes];
        for (int c = 0; c < classes; c++) {
            long samples = java.util.Arrays.stream(counts[c]).sum();
            long predictedAs = 0;
            for (int r = 0; r < classes; r++) {
                predictedAs += counts[r][c];
                matrix[c][r] = Math.toIntExact(counts[c][r]);
            }
            double recall = samples == 0 ? Double.NaN : confusion.recall(c);
            perClass.put(data.classes().get(c), new ModelMetrics.ClassScores(predictedAs == 0 ? Double.NaN : confusion.precision(c),
                    recall, recall, samples));
        }
        return new ModelMetrics.CleanMetrics(confusion.accuracy(), songs.logProbabilityAccuracy(), songs.majorityVoteAccuracy(),
                confusion.macroF1(), perClass, matrix);
    }
}

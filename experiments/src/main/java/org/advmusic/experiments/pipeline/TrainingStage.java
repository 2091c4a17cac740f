package org.advmusic.experiments.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.nn.Model;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.checkpoint.ModelSpec;
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
     * A trained model and how it got there.
     *
     * @param name        also its checkpoint folder
     * @param description one line for tables
     * @param seconds     training wall-clock time
     */
    public record Trained(String name, String description, Model model, TrainingHistory history, double seconds,
                          ModelSpec spec) {
    }

    /**
     * What to train.
     *
     * @param transform the batch hook (adversarial or squeezing training), or null
     * @param listener  makes an extra per-epoch listener for the freshly built model (robust validation), or null
     * @param defense   the defense spec recorded in the checkpoint, or null
     */
    public record Plan(String name, String description, BatchTransform transform,
                       java.util.function.Function<Model, TrainingListener> listener, Map<String, Object> defense, int epochs) {
    }

    private TrainingStage() {
    }

    /** The configured architecture for this data, initialised from {@code seed}. */
    public static Model build(ExperimentConfig.ModelConfig config, PreparedData data, Backend backend, long seed) {
        int classes = data.classes().size();
        return switch (config.architecture()) {
            case "GenreCnn" -> new GenreCnn(data.inputShape(), classes, config.width(), backend, seed);
            case "ResNet18" -> new ResNet18(data.inputShape(), classes, backend, seed);
            default -> new Mlp(data.inputShape(), classes, new Mlp.Options(config.hidden(), config.dropout(),
                    config.batchNorm()), backend, seed);
        };
    }

    /** Trains one model of the run, saves {@code checkpoints/<name>} and writes its metrics entry. */
    public static Trained train(Plan plan, ExperimentConfig config, PreparedData data, Backend backend, RunDirectory run) {
        ExperimentConfig.TrainingConfig t = config.training();
        Model model = build(config.model(), data, backend, config.seed());
        Optimizer optimizer = switch (t.optimizer()) {
            case "adamw" -> new AdamW(model.namedParameters(), t.learningRate(), 0.9, 0.999, 1e-8, t.weightDecay());
            case "sgd" -> new Sgd(model.namedParameters(), t.learningRate(), t.momentum(), t.weightDecay(), false);
            default -> new Adam(model.namedParameters(), t.learningRate(), 0.9, 0.999, 1e-8, t.weightDecay());
        };
        Trainer trainer = new Trainer(model, optimizer, new TrainingOptions(plan.epochs(), t.batchSize(), config.seed(),
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
        long batches = (long) plan.epochs() * ((data.train().data().size() + t.batchSize() - 1) / t.batchSize());
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
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        model.eval();
        try {
            Checkpoint.save(run.checkpoint(plan.name()), model, spec);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint of " + plan.name() + " cannot be written: " + e.getMessage(), e);
        }
        Trained trained = new Trained(plan.name(), plan.description(), model, history, seconds, spec);
        ObjectNode entry = run.modelEntry(plan.name());
        entry.put("description", plan.description());
        entry.put("architecture", model.architecture());
        entry.put("parameters", model.parameterCount());
        if (plan.defense() != null) {
            entry.set("defense", RunDirectory.JSON.valueToTree(plan.defense()));
        } else {
            entry.putNull("defense");
        }
        entry.set("training", trainingJson(history, seconds));
        entry.set("clean", cleanJson(model, data, config.training().batchSize()));
        run.saveMetrics();
        return trained;
    }

    static ObjectNode trainingJson(TrainingHistory history, double seconds) {
        ObjectNode node = RunDirectory.JSON.createObjectNode();
        node.put("seconds", seconds);
        node.put("epochs_run", history.epochs().size());
        if (history.bestEpoch() != null) {
            node.put("best_epoch", history.bestEpoch());
        } else {
            node.put("best_epoch", history.epochs().size());
        }
        ArrayNode epochs = node.putArray("history");
        for (EpochRecord r : history.epochs()) {
            ObjectNode e = epochs.addObject();
            e.put("epoch", r.epoch());
            e.put("training_loss", r.trainingLoss());
            e.put("training_accuracy", r.trainingAccuracy());
            e.put("validation_loss", r.validationLoss() == null ? Double.NaN : r.validationLoss());
            e.put("validation_accuracy", r.validationAccuracy() == null ? Double.NaN : r.validationAccuracy());
            e.put("learning_rate", r.learningRate());
            e.put("seconds", r.seconds());
        }
        return node;
    }

    /** Clip and song accuracy, macro F1, per-class precision/recall/accuracy and the confusion matrix on the test split. */
    public static ObjectNode cleanJson(Model model, PreparedData data, int batchSize) {
        model.eval();
        PreparedData.Split test = data.test();
        double[][] logProbabilities = Inference.logProbabilities(model, test.data().inputs(), batchSize);
        int[] predicted = Metrics.argmaxRows(logProbabilities);
        int classes = data.classes().size();
        ConfusionMatrix confusion = ConfusionMatrix.of(test.data().labels(), predicted, classes);
        SongLevelAccuracy.Result songs = SongLevelAccuracy.evaluate(logProbabilities, test.data().labels(), test.trackIds());
        ObjectNode node = RunDirectory.JSON.createObjectNode();
        node.put("clip_accuracy", confusion.accuracy());
        node.put("song_accuracy_log_probability", songs.logProbabilityAccuracy());
        node.put("song_accuracy_majority", songs.majorityVoteAccuracy());
        node.put("macro_f1", confusion.macroF1());
        ObjectNode perClass = node.putObject("per_class");
        for (int c = 0; c < classes; c++) {
            perClass.putObject(data.classes().get(c)).put("precision", confusion.precision(c))
                    .put("recall", confusion.recall(c)).put("accuracy", confusion.classAccuracy(c));
        }
        ArrayNode matrix = node.putArray("confusion");
        for (long[] row : confusion.counts()) {
            ArrayNode r = matrix.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        return node;
    }
}

package org.advmusic.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Model;
import org.advmusic.nn.StateDicts;
import org.advmusic.nn.checkpoint.ModelSpec;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.metrics.Metrics;
import org.advmusic.nn.optim.Optimizer;

/**
 * Mini-batch training of a {@link Model} with cross-entropy:
 * <pre>{@code
 * Adam adam = new Adam(model.namedParameters(), 1e-3);
 * Trainer trainer = new Trainer(model, adam, new TrainingOptions(30, 64, 7))
 *         .scheduler(new ReduceOnPlateau(adam, Monitor.VALIDATION_LOSS))
 *         .earlyStopping(new EarlyStopping(Monitor.VALIDATION_LOSS, 10))
 *         .checkpoints(directory, spec);
 * TrainingHistory history = trainer.fit(training, validation);
 * }</pre>
 * Every epoch visits the training data in an order shuffled by {@code (seed, epoch)}; every step runs
 * in its own {@link MemoryScope}: optional {@link BatchTransform}, forward, loss, backward, optimizer
 * step. After the epoch the validation data is evaluated, then early stopping and the scheduler see
 * the {@link EpochRecord}, checkpoints are written and the listener is told. With early stopping the
 * weights of the best epoch are restored at the end.
 *
 * <p>A run with a checkpoint directory can be continued by a new trainer, configured the same way,
 * with {@link #resumeFrom(Path)}; the continuation gives the same numbers as an uninterrupted run.
 * A loss that is not finite stops training with a {@link TrainingDivergedException} naming the epoch
 * and batch; the last good checkpoint is left as it was.
 */
public final class Trainer {
    private final Model model;
    private final Optimizer optimizer;
    private final TrainingOptions options;
    private final CrossEntropyLoss loss;
    private LearningRateScheduler scheduler;
    private EarlyStopping earlyStopping;
    private BatchTransform batchTransform;
    private TrainingListener listener = new TrainingListener() { };
    private Path checkpointDirectory;
    private ModelSpec spec;

    private int completedEpochs;
    private long globalStep;
    private final List<EpochRecord> history = new ArrayList<>();
    private Map<String, Tensor> bestWeights;
    private TrainingState pendingResume;

    /** @param optimizer must optimise {@code model}'s parameters */
    public Trainer(Model model, Optimizer optimizer, TrainingOptions options) {
        this.model = model;
        this.optimizer = optimizer;
        this.options = options;
        this.loss = new CrossEntropyLoss(options.labelSmoothing());
    }

    /** Adjusts the learning rate after every epoch; returns this. */
    public Trainer scheduler(LearningRateScheduler learningRateScheduler) {
        this.scheduler = learningRateScheduler;
        return this;
    }

    /** Stops when the watched quantity stalls and restores the best weights at the end; returns this. */
    public Trainer earlyStopping(EarlyStopping stopping) {
        this.earlyStopping = stopping;
        return this;
    }

    /** Replaces or mixes every training batch (adversarial training); returns this. */
    public Trainer batchTransform(BatchTransform transform) {
        this.batchTransform = transform;
        return this;
    }

    /** Receives progress; returns this. */
    public Trainer listener(TrainingListener trainingListener) {
        this.listener = trainingListener;
        return this;
    }

    /**
     * Writes checkpoints into {@code directory} after every epoch (see {@link TrainingCheckpoint} for
     * the layout); returns this.
     *
     * @param modelSpec the spec saved beside the weights
     */
    public Trainer checkpoints(Path directory, ModelSpec modelSpec) {
        List<String> problems = modelSpec.differencesFrom(model);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("training: the checkpoint spec does not describe the model: "
                    + String.join("; ", problems));
        }
        this.checkpointDirectory = directory;
        this.spec = modelSpec;
        return this;
    }

    /**
     * Loads the {@code last} checkpoint of a run into the model and the optimizer now; the progress
     * (epoch, step, learning rate, scheduler, early stopping, random streams, history) takes effect
     * when {@link #fit} starts, which then continues with the next epoch.
     *
     * @throws IOException when the checkpoint is missing, does not fit, or is inconsistent
     */
    public Trainer resumeFrom(Path directory) throws IOException {
        TrainingState state = TrainingCheckpoint.loadLast(directory, model, optimizer);
        if (state.seed() != options.seed()) {
            throw new IllegalArgumentException("resume: the checkpoint in " + directory + " was trained with seed "
                    + state.seed() + " but the options give " + options.seed());
        }
        model.restoreRandomStreams(state.randomStreams());
        optimizer.setLearningRate(state.learningRate());
        if (state.earlyStopping() != null && state.earlyStopping().bestEpoch() > 0) {
            StateDicts.release(bestWeights);
            bestWeights = TrainingCheckpoint.readBestWeights(directory, model);
        }
        completedEpochs = state.completedEpochs();
        globalStep = state.globalStep();
        history.clear();
        history.addAll(state.history());
        pendingResume = state;
        return this;
    }

    /** Trains without validation data. */
    public TrainingHistory fit(LabeledData training) {
        return fit(training, null);
    }

    /**
     * Trains until {@code options.epochs()} epochs are complete or early stopping ends the run.
     *
     * @param validation evaluated after every epoch; may be null when nothing watches it
     * @return the records of all epochs of the run (resumed ones included)
     * @throws TrainingDivergedException when a loss stops being finite
     * @throws IllegalArgumentException  for data that does not fit the model
     */
    public TrainingHistory fit(LabeledData training, LabeledData validation) {
        requireFits(training, "training data");
        if (validation != null) {
            requireFits(validation, "validation data");
        } else if (earlyStopping != null && earlyStopping.monitor().needsValidation()
                || scheduler != null && scheduler.needsValidation()) {
            throw new IllegalArgumentException("training: early stopping or the scheduler watches a validation "
                    + "quantity, but no validation data was given");
        }
        applyPendingResume();
        while (completedEpochs < options.epochs() && !stopRequested()) {
            runEpoch(completedEpochs + 1, training, validation);
        }
        Integer bestEpoch = null;
        if (earlyStopping != null && bestWeights != null) {
            model.loadStateDict(bestWeights);
            bestEpoch = earlyStopping.state().bestEpoch();
        }
        return new TrainingHistory(history, bestEpoch, stopRequested() && completedEpochs < options.epochs());
    }

    private boolean stopRequested() {
        return earlyStopping != null && earlyStopping.shouldStop();
    }

    private void runEpoch(int epoch, LabeledData training, LabeledData validation) {
        long start = System.nanoTime();
        double learningRate = optimizer.learningRate();
        Inference.Evaluation trained = trainEpoch(epoch, training);
        Inference.Evaluation validated = null;
        if (validation != null) {
            validated = Inference.evaluate(model, validation, loss, options.batchSize());
            if (!Double.isFinite(validated.loss())) {
                throw diverged(epoch, 0, validated.loss());
            }
        }
        EpochRecord record = new EpochRecord(epoch, trained.loss(), trained.accuracy(),
                validated == null ? null : validated.loss(), validated == null ? null : validated.accuracy(),
                learningRate, (System.nanoTime() - start) / 1e9);
        boolean improved = earlyStopping != null && earlyStopping.record(record);
        if (improved) {
            StateDicts.release(bestWeights);
            bestWeights = StateDicts.snapshot(model.stateDict());
        }
        if (scheduler != null) {
            scheduler.epochEnded(record);
        }
        history.add(record);
        completedEpochs = epoch;
        if (checkpointDirectory != null) {
            writeCheckpoints(improved);
        }
        listener.epochEnded(record);
    }

    /**
     * Training batches per epoch: {@code samples / batchSize} rounded up, except that a last batch of
     * one sample joins the batch before it (batch norm cannot normalise a single sample in training).
     */
    public static int batchesPerEpoch(int samples, int batchSize) {
        int batches = (samples + batchSize - 1) / batchSize;
        return batches > 1 && samples % batchSize == 1 ? batches - 1 : batches;
    }

    /** One pass over the shuffled training data; returns its mean loss and accuracy. */
    private Inference.Evaluation trainEpoch(int epoch, LabeledData data) {
        model.train();
        int n = data.size();
        int batchSize = options.batchSize();
        int batches = batchesPerEpoch(n, batchSize);
        int[] order = Shuffling.permutation(n, CounterRandom.derive(options.seed(), epoch));
        double lossSum = 0;
        int correct = 0;
        int seen = 0;
        for (int b = 0; b < batches; b++) {
            int[] rows = Arrays.copyOfRange(order, b * batchSize, b == batches - 1 ? n : (b + 1) * batchSize);
            double batchLoss;
            try (MemoryScope ignored = MemoryScope.open()) {
                LabeledData batch = data.subset(rows);
                if (batchTransform != null) {
                    batch = batchTransform.transform(model, batch, globalStep);
                    model.train();
                }
                Tensor logits = model.forward(batch.inputs());      // (B, ...) -> (B, classes)
                Tensor lossTensor = loss.mean(logits, batch.labels());
                batchLoss = lossTensor.item();
                if (!Double.isFinite(batchLoss)) {
                    throw diverged(epoch, b + 1, batchLoss);
                }
                optimizer.zeroGrad();
                lossTensor.backward();
                optimizer.step();
                optimizer.zeroGrad();
                lossSum += batchLoss * batch.size();
                correct += Metrics.correct(batch.labels(), logits.argmaxLastAxis());
                seen += batch.size();
            }
            globalStep++;
            listener.batchEnded(new TrainingListener.BatchProgress(epoch, options.epochs(), b + 1, batches, batchLoss));
        }
        return new Inference.Evaluation(lossSum / seen, (double) correct / seen);
    }

    private void writeCheckpoints(boolean improved) {
        try {
            if (improved) {
                TrainingCheckpoint.saveBest(checkpointDirectory, model, spec);
            }
            TrainingCheckpoint.saveLast(checkpointDirectory, model, spec, optimizer, currentState());
            new TrainingHistory(history, null, false)
                    .writeJson(checkpointDirectory.resolve(TrainingCheckpoint.HISTORY_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("training: cannot write the checkpoint in " + checkpointDirectory, e);
        }
    }

    private TrainingState currentState() {
        return new TrainingState(completedEpochs, globalStep, options.seed(), optimizer.learningRate(),
                scheduler == null ? null : scheduler.state(), earlyStopping == null ? null : earlyStopping.state(),
                model.randomStreams(), history);
    }

    private void applyPendingResume() {
        if (pendingResume == null) {
            return;
        }
        TrainingState state = pendingResume;
        pendingResume = null;
        if ((state.scheduler() == null) != (scheduler == null)
                || (state.earlyStopping() == null) != (earlyStopping == null)) {
            throw new IllegalArgumentException("resume: the checkpoint was trained "
                    + (state.scheduler() == null ? "without" : "with") + " a scheduler and "
                    + (state.earlyStopping() == null ? "without" : "with")
                    + " early stopping; configure this trainer the same way to continue exactly");
        }
        if (scheduler != null) {
            scheduler.restoreState(state.scheduler());
        }
        if (earlyStopping != null) {
            earlyStopping.restore(state.earlyStopping());
        }
    }

    private void requireFits(LabeledData data, String what) {
        if (!data.sampleShape().equals(model.inputShape())) {
            throw new IllegalArgumentException(what + ": samples have shape " + data.sampleShape() + " but the "
                    + model.architecture() + " expects " + model.inputShape());
        }
        if (data.inputs().backend() != model.backend()) {
            throw new IllegalArgumentException(what + " is on the " + data.inputs().backend().name()
                    + " backend but the model is on " + model.backend().name() + "; move it explicitly with to()");
        }
        data.requireLabelsBelow(model.classes(), what);
    }

    private TrainingDivergedException diverged(int epoch, int batch, double value) {
        String kept = checkpointDirectory != null && completedEpochs > 0
                ? "the last good checkpoint (epoch " + completedEpochs + ") is kept in "
                        + checkpointDirectory.resolve(TrainingCheckpoint.LAST)
                : "no checkpoint had been written";
        return new TrainingDivergedException(epoch, batch, value, kept);
    }
}

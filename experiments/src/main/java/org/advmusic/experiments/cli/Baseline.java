package org.advmusic.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Tensor;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.RunDirectory;
import org.advmusic.experiments.pipeline.TrainingStage;
import org.advmusic.experiments.pipeline.WeightHash;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.nn.checkpoint.Checkpoint;

/** Loads the trained baseline of a run (for attack, defend and gradcam after train, and a resumed sweep). */
public final class Baseline {
    private Baseline() {
    }

    /**
     * Loads the baseline and makes sure the run's results describe these weights: when the recorded
     * baseline has other weights (another checkpoint, or a retraining killed after it saved its
     * checkpoint), the baseline is measured again and recorded, which removes the old weights'
     * results with a notice.
     *
     * @param checkpoint an explicit checkpoint folder, or null for the run's {@code checkpoints/baseline}
     * @throws IllegalArgumentException when the checkpoint is missing, unreadable, holds non-finite
     *                                  weights or does not fit the data
     */
    public static TrainingStage.Trained load(RunDirectory run, Path checkpoint, Backend backend, PreparedData data, int batchSize) {
        Path folder = checkpoint != null ? checkpoint : run.checkpoint(RunDirectory.BASELINE);
        if (Files.isRegularFile(folder.resolve(Checkpoint.WEIGHTS_FILE)) && !Files.isRegularFile(folder.resolve(Checkpoint.SPEC_FILE))) {
            throw new IllegalArgumentException("checkpoint folder " + folder + " has " + Checkpoint.WEIGHTS_FILE + " but no "
                    + Checkpoint.SPEC_FILE + " (the model spec saved beside the weights: architecture, classes, input shape);"
                    + " copy it from where the weights came from");
        }
        if (!Files.isRegularFile(folder.resolve(Checkpoint.SPEC_FILE))) {
            throw new IllegalArgumentException("no trained baseline in " + folder + "; run `train` first with the same config"
                    + " (or pass --checkpoint DIR of a folder with " + Checkpoint.WEIGHTS_FILE + " and " + Checkpoint.SPEC_FILE + ")");
        }
        Checkpoint.Loaded loaded;
        try {
            loaded = Checkpoint.load(folder, backend);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + folder + " cannot be loaded: " + e.getMessage(), e);
        }
        if (!loaded.spec().inputShapeAsShape().equals(data.inputShape()) || loaded.spec().classes() != data.classes().size()) {
            throw new IllegalArgumentException("checkpoint " + folder + " expects input " + loaded.spec().inputShapeAsShape()
                    + " and " + loaded.spec().classes() + " classes, but the data has " + data.inputShape() + " and "
                    + data.classes().size());
        }
        for (Map.Entry<String, Tensor> e : loaded.model().stateDict().entrySet()) {
            for (float v : e.getValue().toFloatArray()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("checkpoint " + folder.resolve(Checkpoint.WEIGHTS_FILE) + ": tensor '"
                            + e.getKey() + "' holds " + v + "; expected finite weights (the training diverged or the file is damaged)");
                }
            }
        }
        loaded.model().eval();
        String hash = WeightHash.of(loaded.model());
        ModelMetrics recorded = run.metrics().model(RunDirectory.BASELINE);
        if (recorded != null && hash.equals(recorded.checkpoint())) {
            return new TrainingStage.Trained(RunDirectory.BASELINE, loaded.model(), loaded.spec(), hash, recorded);
        }
        System.out.println("notice: the baseline in " + folder + " (weights " + hash + ") is not the one "
                + (recorded == null ? "recorded" : "whose results are recorded (weights " + recorded.checkpoint() + ")")
                + " in " + run.root().resolve("metrics.json") + "; measuring it again, results of other weights are removed");
        ModelMetrics metrics = new ModelMetrics(RunDirectory.BASELINE, "baseline from " + folder, loaded.model().architecture(),
                (long) loaded.model().parameterCount(), null, hash, null, TrainingStage.clean(loaded.model(), data, batchSize));
        run.recordBaseline(metrics);
        return new TrainingStage.Trained(RunDirectory.BASELINE, loaded.model(), loaded.spec(), hash, metrics);
    }
}

package org.advmusic.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.nn.Model;
import org.advmusic.nn.StateDictMismatchException;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.checkpoint.CheckpointException;
import org.advmusic.nn.checkpoint.JsonFiles;
import org.advmusic.nn.checkpoint.ModelSpec;
import org.advmusic.nn.optim.Optimizer;

/**
 * The files a training run keeps in its checkpoint directory:
 * <pre>
 *   last/model.safetensors, last/model.json   the model after the latest epoch ({@link Checkpoint})
 *   last/optimizer.safetensors                 the optimizer's state dict
 *   last/training.json                         the {@link TrainingState}
 *   best/model.safetensors, best/model.json   the best model so far (with early stopping)
 *   history.json                               the {@link TrainingHistory} so far
 * </pre>
 * Every file is written atomically; {@code training.json} is written last, and each safetensors file
 * of {@code last} records the global step in its metadata, so a resume from files of different saves
 * (a crash between two renames) is detected instead of silently mixing epochs.
 */
final class TrainingCheckpoint {
    static final String LAST = "last";
    static final String BEST = "best";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    static final String STATE_FILE = "training.json";
    static final String HISTORY_FILE = "history.json";
    private static final String STEP_KEY = "training_step";

    private TrainingCheckpoint() {
    }

    /** Writes {@code last/}: model, optimizer, then training state. */
    static void saveLast(Path root, Model model, ModelSpec spec, Optimizer optimizer, TrainingState state)
            throws IOException {
        Path last = root.resolve(LAST);
        Map<String, String> step = Map.of(STEP_KEY, Long.toString(state.globalStep()));
        Checkpoint.save(last, model, spec, step);
        try (MemoryScope ignored = MemoryScope.open()) {
            Safetensors.write(last.resolve(OPTIMIZER_FILE), optimizer.stateDict(), step);
        }
        JsonFiles.write(last.resolve(STATE_FILE), state);
    }

    /** Writes {@code best/}. */
    static void saveBest(Path root, Model model, ModelSpec spec) throws IOException {
        Checkpoint.save(root.resolve(BEST), model, spec);
    }

    /**
     * Loads {@code last/} into {@code model} and {@code optimizer} (both modified, after the files
     * were checked to come from one save) and returns the training state.
     *
     * @throws CheckpointException when files are missing, do not fit, or come from different saves
     */
    static TrainingState loadLast(Path root, Model model, Optimizer optimizer) throws IOException {
        Path last = root.resolve(LAST);
        TrainingState state = JsonFiles.read(last.resolve(STATE_FILE), TrainingState.class);
        requireStep(last.resolve(Checkpoint.WEIGHTS_FILE), state.globalStep());
        Path optimizerFile = last.resolve(OPTIMIZER_FILE);
        Safetensors.Contents contents = requireStep(optimizerFile, state.globalStep());
        Checkpoint.loadInto(last, model);
        try (MemoryScope ignored = MemoryScope.open()) {
            optimizer.loadStateDict(contents.toTensors(model.backend()));
        } catch (StateDictMismatchException e) {
            throw new CheckpointException(optimizerFile, e.getMessage(), e);
        }
        return state;
    }

    /** The weights in {@code best/}, as copies owned by no memory scope; checked against {@code model}. */
    static Map<String, Tensor> readBestWeights(Path root, Model model) throws IOException {
        try (MemoryScope ignored = MemoryScope.persistent()) {
            return Checkpoint.readWeights(root.resolve(BEST), model);
        }
    }

    private static Safetensors.Contents requireStep(Path file, long expected) throws IOException {
        Safetensors.Contents contents = Safetensors.readContents(file);
        String step = contents.metadata().get(STEP_KEY);
        if (!Long.toString(expected).equals(step)) {
            throw new CheckpointException(file, "was saved at training step " + step + " but " + STATE_FILE
                    + " is at step " + expected + "; the checkpoint files come from different saves");
        }
        return contents;
    }
}

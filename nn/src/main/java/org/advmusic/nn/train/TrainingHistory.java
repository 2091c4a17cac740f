package org.advmusic.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.advmusic.nn.checkpoint.JsonFiles;

/**
 * The per-epoch records of a training run, as data and as JSON.
 *
 * @param epochs       one record per completed epoch, in order
 * @param bestEpoch    the epoch whose weights early stopping restored, or null without early stopping
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 */
public record TrainingHistory(List<EpochRecord> epochs, Integer bestEpoch, boolean stoppedEarly) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's record; throws when no epoch was completed. */
    public EpochRecord last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("training history: no epoch was completed");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** Writes the history as JSON (atomically). */
    public void writeJson(Path file) throws IOException {
        JsonFiles.write(file, this);
    }

    /** Reads a history written by {@link #writeJson}. */
    public static TrainingHistory readJson(Path file) throws IOException {
        return JsonFiles.read(file, TrainingHistory.class);
    }
}

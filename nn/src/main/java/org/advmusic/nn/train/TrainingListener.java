package org.advmusic.nn.train;

/** Receives progress during training (the command line draws a progress bar from it). */
public interface TrainingListener {

    /** Called after every training step. */
    default void batchEnded(BatchProgress progress) {
    }

    /** Called after every epoch, once its checkpoint (if any) is written. */
    default void epochEnded(EpochRecord record) {
    }

    /**
     * Where training stands after one step.
     *
     * @param epoch   1-based epoch number
     * @param epochs  total epochs of the run
     * @param batch   1-based batch number within the epoch
     * @param batches batches per epoch
     * @param loss    this batch's mean loss
     */
    record BatchProgress(int epoch, int epochs, int batch, int batches, double loss) {
    }
}

package org.advmusic.nn.train;

/** Training stopped because a loss stopped being a finite number; says where, and what was kept. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    /**
     * @param epoch 1-based epoch number
     * @param batch 1-based batch number, or 0 when the validation loss diverged
     * @param kept  what the user still has, e.g. the last good checkpoint
     */
    public TrainingDivergedException(int epoch, int batch, double loss, String kept) {
        super((batch > 0 ? "training loss is " + loss + " at epoch " + epoch + ", batch " + batch
                : "validation loss is " + loss + " after epoch " + epoch)
                + "; training stopped (lower the learning rate or check the inputs); " + kept);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The 1-based epoch in which the loss diverged. */
    public int epoch() {
        return epoch;
    }

    /** The 1-based batch at which the loss diverged, or 0 for the validation loss. */
    public int batch() {
        return batch;
    }
}

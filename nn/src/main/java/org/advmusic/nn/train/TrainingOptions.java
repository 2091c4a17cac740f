package org.advmusic.nn.train;

/**
 * The plain settings of a training run.
 *
 * @param epochs         number of epochs to train, at least 1
 * @param batchSize      samples per mini-batch, at least 1 (the last batch of an epoch may be smaller)
 * @param seed           seed of the per-epoch shuffling
 * @param labelSmoothing label smoothing of the cross-entropy, in {@code [0, 1)}
 */
public record TrainingOptions(int epochs, int batchSize, long seed, double labelSmoothing) {

    public TrainingOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("training: " + epochs + " epochs, expected at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("training: batch size " + batchSize + ", expected at least 1");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("training: label smoothing " + labelSmoothing
                    + ", expected within [0, 1)");
        }
    }

    /** No label smoothing. */
    public TrainingOptions(int epochs, int batchSize, long seed) {
        this(epochs, batchSize, seed, 0.0);
    }
}

package org.advmusic.nn.train;

import org.advmusic.nn.optim.Optimizer;

/**
 * Cosine annealing without restarts (PyTorch's {@code CosineAnnealingLR}, closed form): after
 * {@code e} epochs, {@code lr = min + (initial - min) (1 + cos(pi e / periodEpochs)) / 2}, which reaches
 * {@code min} after {@code periodEpochs} epochs.
 */
public final class CosineAnnealing implements LearningRateScheduler {
    private final Optimizer optimizer;
    private final double initialLearningRate;
    private final int periodEpochs;
    private final double minimumLearningRate;

    /**
     * @param optimizer           its current learning rate is the initial one
     * @param periodEpochs        epochs from the initial to the minimum rate (PyTorch's {@code T_max}), at least 1
     * @param minimumLearningRate the final rate, at least 0
     */
    public CosineAnnealing(Optimizer optimizer, int periodEpochs, double minimumLearningRate) {
        if (periodEpochs < 1 || !(minimumLearningRate >= 0)) {
            throw new IllegalArgumentException("cosine annealing: period " + periodEpochs + " epochs, minimum rate "
                    + minimumLearningRate + "; expected a period >= 1 and a minimum >= 0");
        }
        this.optimizer = optimizer;
        this.initialLearningRate = optimizer.learningRate();
        this.periodEpochs = periodEpochs;
        this.minimumLearningRate = minimumLearningRate;
    }

    @Override
    public void epochEnded(EpochRecord record) {
        double progress = Math.PI * record.epoch() / periodEpochs;
        optimizer.setLearningRate(minimumLearningRate
                + (initialLearningRate - minimumLearningRate) * (1 + Math.cos(progress)) / 2);
    }
}

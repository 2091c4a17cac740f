package org.advmusic.nn.train;

import org.advmusic.nn.optim.Optimizer;

/**
 * Multiplies the learning rate by {@code gamma} every {@code stepSize} epochs (PyTorch's
 * {@code StepLR}): after {@code e} epochs, {@code lr = initial * gamma^floor(e / stepSize)}.
 */
public final class StepDecay implements LearningRateScheduler {
    private final Optimizer optimizer;
    private final double initialLearningRate;
    private final int stepSize;
    private final double gamma;

    /**
     * @param optimizer its current learning rate is the initial one
     * @param stepSize  epochs between decays, at least 1
     * @param gamma     decay factor, in {@code (0, 1]}
     */
    public StepDecay(Optimizer optimizer, int stepSize, double gamma) {
        if (stepSize < 1 || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step decay: step size " + stepSize + " and factor " + gamma
                    + ", expected a step size >= 1 and a factor in (0, 1]");
        }
        this.optimizer = optimizer;
        this.initialLearningRate = optimizer.learningRate();
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public void epochEnded(EpochRecord record) {
        optimizer.setLearningRate(initialLearningRate * Math.pow(gamma, record.epoch() / stepSize));
    }
}

package org.advmusic.nn.train;

/**
 * Stops training when the watched quantity has not improved for {@code patience} epochs; the trainer
 * then restores the weights of the best epoch (and does so at the end of training in any case).
 */
public final class EarlyStopping {
    private final Monitor monitor;
    private final int patience;
    private final double minDelta;
    private State state = new State(null, 0, 0);

    /**
     * Progress so far, saved when training is checkpointed.
     *
     * @param best                     best value so far, or null before the first epoch
     * @param bestEpoch                its epoch, 0 before the first
     * @param epochsWithoutImprovement epochs since the best one
     */
    public record State(Double best, int bestEpoch, int epochsWithoutImprovement) {
    }

    /**
     * @param patience epochs without improvement before stopping, at least 1
     * @param minDelta the smallest change that counts as an improvement, at least 0
     */
    public EarlyStopping(Monitor monitor, int patience, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping: patience " + patience + ", expected at least 1");
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("early stopping: minimum improvement " + minDelta + ", expected >= 0");
        }
        this.monitor = monitor;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Any improvement counts. */
    public EarlyStopping(Monitor monitor, int patience) {
        this(monitor, patience, 0.0);
    }

    /** The watched quantity. */
    public Monitor monitor() {
        return monitor;
    }

    /** Records an epoch; returns whether it is the best so far. */
    public boolean record(EpochRecord record) {
        double value = monitor.valueOf(record);
        if (state.best() == null || monitor.improves(value, state.best(), minDelta)) {
            state = new State(value, record.epoch(), 0);
            return true;
        }
        state = new State(state.best(), state.bestEpoch(), state.epochsWithoutImprovement() + 1);
        return false;
    }

    /** Whether the last {@code patience} epochs brought no improvement. */
    public boolean shouldStop() {
        return state.epochsWithoutImprovement() >= patience;
    }

    /** The progress so far. */
    public State state() {
        return state;
    }

    /** Continues from a saved progress. */
    public void restore(State saved) {
        state = saved;
    }
}

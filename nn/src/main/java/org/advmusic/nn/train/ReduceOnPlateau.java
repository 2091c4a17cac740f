package org.advmusic.nn.train;

import java.util.HashMap;
import java.util.Map;
import org.advmusic.nn.optim.Optimizer;

/**
 * Multiplies the learning rate by {@code factor} when the watched quantity has not improved for more
 * than {@code patience} epochs (PyTorch's {@code ReduceLROnPlateau} with its relative threshold 1e-4
 * and no cooldown): an epoch improves when its value beats the best by a factor {@code 1 - 1e-4}
 * (lower is better) or {@code 1 + 1e-4} (higher is better).
 */
public final class ReduceOnPlateau implements LearningRateScheduler {
    /** PyTorch's default relative improvement threshold. */
    public static final double THRESHOLD = 1e-4;

    private final Optimizer optimizer;
    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final double minimumLearningRate;
    private Double best;
    private int badEpochs;

    /**
     * @param factor              multiplier of the rate, in {@code (0, 1)}
     * @param patience            epochs without improvement tolerated before a reduction, at least 0
     * @param minimumLearningRate the rate is never reduced below this, at least 0
     */
    public ReduceOnPlateau(Optimizer optimizer, Monitor monitor, double factor, int patience,
                           double minimumLearningRate) {
        if (!(factor > 0 && factor < 1) || patience < 0 || !(minimumLearningRate >= 0)) {
            throw new IllegalArgumentException("reduce on plateau: factor " + factor + ", patience " + patience
                    + ", minimum rate " + minimumLearningRate
                    + "; expected a factor in (0, 1), a patience >= 0 and a minimum >= 0");
        }
        this.optimizer = optimizer;
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.minimumLearningRate = minimumLearningRate;
    }

    /** The seed setting: factor 0.5, patience 5, no minimum. */
    public ReduceOnPlateau(Optimizer optimizer, Monitor monitor) {
        this(optimizer, monitor, 0.5, 5, 0.0);
    }

    @Override
    public void epochEnded(EpochRecord record) {
        double value = monitor.valueOf(record);
        if (best == null || improves(value)) {
            best = value;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (badEpochs > patience) {
            optimizer.setLearningRate(Math.max(optimizer.learningRate() * factor, minimumLearningRate));
            badEpochs = 0;
        }
    }

    private boolean improves(double value) {
        return monitor.higherIsBetter() ? value > best * (1 + THRESHOLD) : value < best * (1 - THRESHOLD);
    }

    @Override
    public boolean needsValidation() {
        return monitor.needsValidation();
    }

    @Override
    public Map<String, Double> state() {
        Map<String, Double> state = new HashMap<>();
        if (best != null) {
            state.put("best", best);
        }
        state.put("bad_epochs", (double) badEpochs);
        return state;
    }

    @Override
    public void restoreState(Map<String, Double> state) {
        best = state.get("best");
        badEpochs = state.getOrDefault("bad_epochs", 0.0).intValue();
    }
}

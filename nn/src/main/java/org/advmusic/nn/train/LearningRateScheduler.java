package org.advmusic.nn.train;

import java.util.Map;

/**
 * Changes an optimizer's learning rate between epochs. Schedulers hold the optimizer they control
 * (as in PyTorch); the trainer calls {@link #epochEnded} after every epoch.
 */
public interface LearningRateScheduler {

    /** Sets the learning rate for the next epoch from the record of the epoch that just ended. */
    void epochEnded(EpochRecord record);

    /** Whether this scheduler watches a validation quantity (then training needs validation data). */
    default boolean needsValidation() {
        return false;
    }

    /** The scheduler's own progress, for resuming (empty when it has none). */
    default Map<String, Double> state() {
        return Map.of();
    }

    /** Continues from a state saved by {@link #state()}. */
    default void restoreState(Map<String, Double> state) {
    }
}

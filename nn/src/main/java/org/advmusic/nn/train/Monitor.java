package org.advmusic.nn.train;

/** An epoch quantity that early stopping and plateau scheduling watch, with its direction. */
public enum Monitor {
    /** Mean training loss; lower is better. */
    TRAINING_LOSS(false, false),
    /** Mean validation loss; lower is better. */
    VALIDATION_LOSS(false, true),
    /** Validation accuracy; higher is better. */
    VALIDATION_ACCURACY(true, true);

    private final boolean higherIsBetter;
    private final boolean needsValidation;

    Monitor(boolean higherIsBetter, boolean needsValidation) {
        this.higherIsBetter = higherIsBetter;
        this.needsValidation = needsValidation;
    }

    /** Whether larger values are improvements. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the quantity exists only with validation data. */
    public boolean needsValidation() {
        return needsValidation;
    }

    /** The watched value of an epoch. */
    public double valueOf(EpochRecord record) {
        Double value = switch (this) {
            case TRAINING_LOSS -> record.trainingLoss();
            case VALIDATION_LOSS -> record.validationLoss();
            case VALIDATION_ACCURACY -> record.validationAccuracy();
        };
        if (value == null) {
            throw new IllegalStateException(this + " is watched but epoch " + record.epoch() + " has no validation data");
        }
        return value;
    }

    /** Whether {@code candidate} beats {@code best} by more than {@code minDelta}. */
    public boolean improves(double candidate, double best, double minDelta) {
        return higherIsBetter ? candidate > best + minDelta : candidate < best - minDelta;
    }
}

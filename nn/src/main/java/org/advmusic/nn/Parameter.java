package org.advmusic.nn;

import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * A trainable tensor of a {@link Module}: a leaf that requires a gradient and lives outside every
 * {@link MemoryScope} (it must outlive the step scopes of training). After {@code loss.backward()}
 * its gradient is in {@link #grad()}; optimizers read it and update {@link #value()} in place.
 */
public final class Parameter {
    private final Tensor value;

    /**
     * Copies {@code initial} into memory owned by no scope and marks the copy as requiring a
     * gradient; {@code initial} itself is not modified.
     */
    public Parameter(Tensor initial) {
        Tensor owned;
        try (MemoryScope ignored = MemoryScope.persistent()) {
            owned = initial.detach().copy();
        }
        this.value = owned.requiresGrad(true);
    }

    /** The current value (the tensor that forward passes use and optimizers update in place). */
    public Tensor value() {
        return value;
    }

    /** The gradient accumulated by the last backward pass, or null. */
    public Tensor grad() {
        return value.grad();
    }

    /** The shape of the value. */
    public Shape shape() {
        return value.shape();
    }

    /** Number of scalar values. */
    public int size() {
        return value.size();
    }

    /** Releases the gradient's memory (the next backward pass allocates a fresh one). */
    public void clearGrad() {
        value.clearGrad();
    }

    @Override
    public String toString() {
        return "Parameter" + value.shape();
    }
}

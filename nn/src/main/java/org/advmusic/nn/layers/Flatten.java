package org.advmusic.nn.layers;

import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;

/** Keeps the batch axis and flattens the rest (row-major, as PyTorch's {@code Flatten}). */
public final class Flatten extends Module {

    /** (N, d1, d2, ...) -> (N, d1 d2 ...) */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        if (input.rank() < 1) {
            throw new IllegalArgumentException("Flatten: input is a scalar; expected (N, ...)");
        }
        return input.reshape(input.dim(0), input.size() / Math.max(1, input.dim(0)));
    }
}

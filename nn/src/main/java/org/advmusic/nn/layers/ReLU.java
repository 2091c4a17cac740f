package org.advmusic.nn.layers;

import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;

/** {@code max(x, 0)} elementwise; a module of its own so that its output can be captured by name. */
public final class ReLU extends Module {

    /** any shape -> the same shape */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        return input.relu();
    }
}

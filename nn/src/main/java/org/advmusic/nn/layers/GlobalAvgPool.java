package org.advmusic.nn.layers;

import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.GlobalAveragePooling;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;

/**
 * The mean of every channel plane. PyTorch writes this as {@code AdaptiveAvgPool2d(1)} followed by
 * {@code flatten(1)}; neither has parameters, so state dicts are unaffected.
 */
public final class GlobalAvgPool extends Module {

    /** (N, C, H, W) -> (N, C) */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        return GlobalAveragePooling.apply(input);
    }
}

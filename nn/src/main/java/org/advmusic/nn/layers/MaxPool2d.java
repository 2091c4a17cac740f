package org.advmusic.nn.layers;

import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;

/** 2-D max pooling with a square window (floor mode; padding counts as minus infinity). */
public final class MaxPool2d extends Module {
    private final int kernelSize;
    private final int stride;
    private final int padding;

    /** A window of {@code kernelSize}, moved by {@code stride}, with {@code padding} on every side. */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    /** Non-overlapping windows: stride equal to the window, no padding. */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /** (N, C, H, W) -> (N, C, (H + 2 pad - k) / stride + 1, likewise W) */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        return org.advmusic.engine.ops.MaxPooling.apply(input, kernelSize, kernelSize, stride, stride, padding, padding);
    }
}

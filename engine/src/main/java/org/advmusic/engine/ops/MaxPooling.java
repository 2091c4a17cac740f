package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Pool2dGeometry;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** 2-D max pooling; the position of each window's maximum is saved for the backward pass. */
public final class MaxPooling extends GradFunction {
    private final Pool2dGeometry geometry;
    private final Tensor argmax;

    private MaxPooling(Tensor x, Pool2dGeometry geometry, Tensor argmax) {
        super(x);
        this.geometry = geometry;
        this.argmax = argmax;
    }

    /**
     * @param x (N, C, H, W)
     * @return (N, C, OH, OW), floor mode; padding counts as minus infinity
     */
    public static Tensor apply(Tensor x, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        x.requireRank("maxPool2d", 4, "(batch, channels, height, width)");
        Pool2dGeometry g = new Pool2dGeometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), kernelH, kernelW,
                strideH, strideW, padH, padW);
        Shape outShape = Shape.of(x.dim(0), x.dim(1), g.outHeight(), g.outWidth());
        Tensor out = Tensor.empty(x.backend(), outShape);
        Tensor argmax = Tensor.empty(x.backend(), outShape);
        x.backend().maxPool2d(g, x.buffer(), out.buffer(), argmax.buffer());
        return Autograd.shouldRecord(x) ? out.withGradFunction(new MaxPooling(x, g, argmax)) : out;
    }

    // d(max of a window)/dx = 1 at the window's saved argmax, 0 elsewhere
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor x = inputs()[0];
        Tensor gradX = Tensor.empty(x.backend(), x.shape());
        x.backend().maxPool2dBackward(geometry, g.buffer(), argmax.buffer(), gradX.buffer());
        return new Tensor[] {gradX};
    }
}

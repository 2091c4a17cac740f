package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Pool2dGeometry;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** 2-D average pooling (divides by the full window, PyTorch's {@code count_include_pad=True}). */
public final class AveragePooling extends GradFunction {
    private final Pool2dGeometry geometry;

    private AveragePooling(Tensor x, Pool2dGeometry geometry) {
        super(x);
        this.geometry = geometry;
    }

    /**
     * @param x (N, C, H, W)
     * @return (N, C, OH, OW), floor mode
     */
    public static Tensor apply(Tensor x, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
        x.requireRank("avgPool2d", 4, "(batch, channels, height, width)");
        Pool2dGeometry g = new Pool2dGeometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), kernelH, kernelW,
                strideH, strideW, padH, padW);
        Tensor out = Tensor.empty(x.backend(), Shape.of(x.dim(0), x.dim(1), g.outHeight(), g.outWidth()));
        x.backend().avgPool2d(g, x.buffer(), out.buffer());
        return Autograd.shouldRecord(x) ? out.withGradFunction(new AveragePooling(x, g)) : out;
    }

    // d(mean of a window)/dx = 1 / (kh kw) for every element of the window
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor x = inputs()[0];
        Tensor gradX = Tensor.empty(x.backend(), x.shape());
        x.backend().avgPool2dBackward(geometry, g.buffer(), gradX.buffer());
        return new Tensor[] {gradX};
    }
}

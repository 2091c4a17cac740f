package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;

/** Global average pooling: the mean of every channel plane, {@code (N, C, H, W) -> (N, C)}. */
public final class GlobalAveragePooling extends GradFunction {

    private GlobalAveragePooling(Tensor x) {
        super(x);
    }

    /**
     * @param x (N, C, H, W)
     * @return (N, C)
     */
    public static Tensor apply(Tensor x) {
        x.requireRank("globalAvgPool2d", 4, "(batch, channels, height, width)");
        int planes = x.dim(0) * x.dim(1);
        int area = x.dim(2) * x.dim(3);
        Tensor out = Tensor.empty(x.backend(), Shape.of(x.dim(0), x.dim(1)));
        x.backend().reduce(ReduceOp.SUM, x.buffer(), planes, area, 1, out.buffer());
        x.backend().unary(UnaryOp.SCALE_SHIFT, out.buffer(), out.buffer(), planes, 1.0 / area, 0.0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new GlobalAveragePooling(x)) : out;
    }

    // d(mean of a plane)/dx = 1 / (H W) for every element of the plane
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Shape in = inputs()[0].shape();
        Tensor share = g.reshape(in.dim(0), in.dim(1), 1, 1).mul(1.0 / (in.dim(2) * in.dim(3)));
        return new Tensor[] {Broadcasting.expand(share, in)};
    }
}

package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;

/** Arithmetic mean over a set of axes. */
public final class Mean extends GradFunction {
    private final Shape keptShape;
    private final int count;

    private Mean(Tensor x, Shape keptShape, int count) {
        super(x);
        this.keptShape = keptShape;
        this.count = count;
    }

    /** Mean of {@code x} over {@code axes} (all when none are given); see {@link Sum#apply}. */
    public static Tensor apply(Tensor x, boolean keepDims, int... axes) {
        boolean[] mask = Reductions.axisMask("mean", x.shape(), axes);
        Shape kept = Reductions.keptShape(x.shape(), mask);
        int count = Reductions.reducedCount(x.shape(), mask);
        Tensor summed = Reductions.reduce("mean", ReduceOp.SUM, x, mask);
        x.backend().unary(UnaryOp.SCALE_SHIFT, summed.buffer(), summed.buffer(), summed.size(), 1.0 / count, 0.0);
        Tensor out = keepDims ? summed : Tensor.view(Reductions.droppedShape(x.shape(), mask), summed.buffer());
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Mean(x, kept, count)) : out;
    }

    // d(mean x)/dx_j = 1 / count
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {Broadcasting.expand(g.reshape(keptShape.dims()).mul(1.0 / count), inputs()[0].shape())};
    }
}

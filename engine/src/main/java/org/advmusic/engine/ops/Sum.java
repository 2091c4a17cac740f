package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Sum over a set of axes. */
public final class Sum extends GradFunction {
    private final Shape keptShape;

    private Sum(Tensor x, Shape keptShape) {
        super(x);
        this.keptShape = keptShape;
    }

    /**
     * Sums {@code x} over {@code axes} (all axes when none are given). With {@code keepDims} the
     * reduced axes stay as size 1, otherwise they are removed.
     */
    public static Tensor apply(Tensor x, boolean keepDims, int... axes) {
        boolean[] mask = Reductions.axisMask("sum", x.shape(), axes);
        Shape kept = Reductions.keptShape(x.shape(), mask);
        Tensor summed = Reductions.reduce("sum", ReduceOp.SUM, x, mask);
        Tensor out = keepDims ? summed : Tensor.view(Reductions.droppedShape(x.shape(), mask), summed.buffer());
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Sum(x, kept)) : out;
    }

    // d(sum_i x_i)/dx_j = 1: the gradient is repeated along the reduced axes
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {Broadcasting.expand(g.reshape(keptShape.dims()), inputs()[0].shape())};
    }
}

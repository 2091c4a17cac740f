package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.unrecorded.Elementwise;

/** Maximum over a set of axes. */
public final class Max extends GradFunction {
    private final Shape keptShape;
    private final Tensor keptMax;
    private final int[] reducedAxes;

    private Max(Tensor x, Shape keptShape, Tensor keptMax, int[] reducedAxes) {
        super(x);
        this.keptShape = keptShape;
        this.keptMax = keptMax;
        this.reducedAxes = reducedAxes;
    }

    /** Maximum of {@code x} over {@code axes} (all when none are given); see {@link Sum#apply}. */
    public static Tensor apply(Tensor x, boolean keepDims, int... axes) {
        boolean[] mask = Reductions.axisMask("max", x.shape(), axes);
        Shape kept = Reductions.keptShape(x.shape(), mask);
        Tensor max = Reductions.reduce("max", ReduceOp.MAX, x, mask);
        Tensor out = keepDims ? max : Tensor.view(Reductions.droppedShape(x.shape(), mask), max.buffer());
        if (!Autograd.shouldRecord(x)) {
            return out;
        }
        int[] reduced = java.util.stream.IntStream.range(0, mask.length).filter(i -> mask[i]).toArray();
        return out.withGradFunction(new Max(x, kept, max.detach(), reduced));
    }

    // d(max x)/dx_j = 1[x_j == max] / (number of maxima): ties share the gradient equally
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor x = inputs()[0];
        Tensor isMax = Elementwise.binary(BinaryOp.EQ, x, keptMax);
        Tensor ties = Sum.apply(isMax, true, reducedAxes);
        Tensor share = g.reshape(keptShape.dims()).div(ties);
        return new Tensor[] {isMax.mul(share)};
    }
}

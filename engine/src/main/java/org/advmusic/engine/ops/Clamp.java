package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise {@code min(max(x, low), high)}: projection onto a box. */
public final class Clamp extends GradFunction {
    private final double low;
    private final double high;

    private Clamp(Tensor x, double low, double high) {
        super(x);
        this.low = low;
        this.high = high;
    }

    /** {@code min(max(x, low), high)}, same shape; requires {@code low <= high}. */
    public static Tensor apply(Tensor x, double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("clamp: low " + low + " and high " + high + "; expected low <= high");
        }
        Tensor out = Elementwise.unary(UnaryOp.CLAMP, x, low, high);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Clamp(x, low, high)) : out;
    }

    // d/dx clamp(x) = 1[low <= x <= high] (PyTorch's convention at the bounds)
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {g.mul(Elementwise.unary(UnaryOp.INSIDE, inputs()[0], low, high))};
    }
}

package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise square root. */
public final class Sqrt extends GradFunction {
    private final Tensor output;

    private Sqrt(Tensor x, Tensor output) {
        super(x);
        this.output = output;
    }

    /** {@code sqrt(x)}, same shape. */
    public static Tensor apply(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.SQRT, x, 0, 0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Sqrt(x, out.detach())) : out;
    }

    // d(sqrt x)/dx = 1 / (2 sqrt x)
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {g.div(output).mul(0.5)};
    }
}

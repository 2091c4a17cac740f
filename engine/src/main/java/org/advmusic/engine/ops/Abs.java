package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise {@code |x|}. */
public final class Abs extends GradFunction {

    private Abs(Tensor x) {
        super(x);
    }

    /** {@code |x|}, same shape. */
    public static Tensor apply(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.ABS, x, 0, 0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Abs(x)) : out;
    }

    // d|x|/dx = sign(x) (0 at the kink x = 0)
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {g.mul(Elementwise.unary(UnaryOp.SIGN, inputs()[0], 0, 0))};
    }
}

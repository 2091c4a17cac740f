package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise natural logarithm. */
public final class Log extends GradFunction {

    private Log(Tensor x) {
        super(x);
    }

    /** {@code ln x}, same shape (NaN for negative x, -inf at 0). */
    public static Tensor apply(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.LOG, x, 0, 0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Log(x)) : out;
    }

    // d(ln x)/dx = 1 / x
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {g.div(inputs()[0])};
    }
}

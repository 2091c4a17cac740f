package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise {@code -x}. */
public final class Neg extends GradFunction {

    private Neg(Tensor x) {
        super(x);
    }

    /** {@code -x}, same shape. */
    public static Tensor apply(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.NEG, x, 0, 0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Neg(x)) : out;
    }

    // d(-x)/dx = -1
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {Elementwise.unary(UnaryOp.NEG, g, 0, 0)};
    }
}

package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise hyperbolic tangent. */
public final class Tanh extends GradFunction {
    private final Tensor output;

    private Tanh(Tensor x, Tensor output) {
        super(x);
        this.output = output;
    }

    /** {@code tanh(x)}, same shape. */
    public static Tensor apply(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.TANH, x, 0, 0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Tanh(x, out.detach())) : out;
    }

    // d/dx tanh(x) = 1 - y^2 with y = tanh(x)
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {Elementwise.binary(BinaryOp.TANH_BACKWARD, g, output)};
    }
}

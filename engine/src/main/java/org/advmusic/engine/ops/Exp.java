package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise {@code e^x}. */
public final class Exp extends GradFunction {
    private final Tensor output;

    private Exp(Tensor x, Tensor output) {
        super(x);
        this.output = output;
    }

    /** {@code e^x}, same shape. */
    public static Tensor apply(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.EXP, x, 0, 0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Exp(x, out.detach())) : out;
    }

    // d(e^x)/dx = e^x, the saved output
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {g.mul(output)};
    }
}

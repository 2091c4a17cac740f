package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise rectifier {@code max(x, 0)}. */
public final class Rectifier extends GradFunction {

    private Rectifier(Tensor x) {
        super(x);
    }

    /** {@code max(x, 0)}, same shape. */
    public static Tensor apply(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.RELU, x, 0, 0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Rectifier(x)) : out;
    }

    // d/dx relu(x) = 1[x > 0]
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {Elementwise.binary(BinaryOp.RELU_BACKWARD, g, inputs()[0])};
    }
}

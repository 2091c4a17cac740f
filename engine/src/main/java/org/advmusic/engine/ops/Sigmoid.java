package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise logistic function {@code 1 / (1 + e^-x)}. */
public final class Sigmoid extends GradFunction {
    private final Tensor output;

    private Sigmoid(Tensor x, Tensor output) {
        super(x);
        this.output = output;
    }

    /** {@code sigmoid(x)}, same shape. */
    public static Tensor apply(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.SIGMOID, x, 0, 0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Sigmoid(x, out.detach())) : out;
    }

    // d/dx sigmoid(x) = y (1 - y) with y = sigmoid(x)
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {Elementwise.binary(BinaryOp.SIGMOID_BACKWARD, g, output)};
    }
}

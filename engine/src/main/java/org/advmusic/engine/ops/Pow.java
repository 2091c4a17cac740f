package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise {@code x^p} for a scalar exponent {@code p}. */
public final class Pow extends GradFunction {
    private final double exponent;

    private Pow(Tensor x, double exponent) {
        super(x);
        this.exponent = exponent;
    }

    /** {@code x^exponent}, same shape. */
    public static Tensor apply(Tensor x, double exponent) {
        if (Double.isNaN(exponent)) {
            throw new IllegalArgumentException("pow: the exponent is NaN");
        }
        Tensor out = Elementwise.unary(UnaryOp.POW, x, exponent, 0);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Pow(x, exponent)) : out;
    }

    // d(x^p)/dx = p x^(p - 1)
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor slope = Elementwise.unary(UnaryOp.POW, inputs()[0], exponent - 1, 0).mul(exponent);
        return new Tensor[] {g.mul(slope)};
    }
}

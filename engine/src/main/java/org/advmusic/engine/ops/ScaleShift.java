package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise {@code scale * x + shift} with scalar constants (x + c, x * c, x / c). */
public final class ScaleShift extends GradFunction {
    private final double scale;

    private ScaleShift(Tensor x, double scale) {
        super(x);
        this.scale = scale;
    }

    /** {@code scale * x + shift}, same shape. */
    public static Tensor apply(Tensor x, double scale, double shift) {
        Tensor out = Elementwise.unary(UnaryOp.SCALE_SHIFT, x, scale, shift);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new ScaleShift(x, scale)) : out;
    }

    // d(s x + t)/dx = s
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {Elementwise.unary(UnaryOp.SCALE_SHIFT, g, scale, 0.0)};
    }
}

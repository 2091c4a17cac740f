package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise {@code a * b} with NumPy broadcasting. */
public final class Mul extends GradFunction {

    private Mul(Tensor a, Tensor b) {
        super(a, b);
    }

    /** {@code a * b}; the shape is the broadcast of both shapes. */
    public static Tensor apply(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary(BinaryOp.MUL, a, b);
        return Autograd.shouldRecord(a, b) ? out.withGradFunction(new Mul(a, b)) : out;
    }

    // d(a b)/da = b, d(a b)/db = a
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor a = inputs()[0];
        Tensor b = inputs()[1];
        return new Tensor[] {
            needs[0] ? Broadcasting.reduceTo(g.mul(b), a.shape()) : null,
            needs[1] ? Broadcasting.reduceTo(g.mul(a), b.shape()) : null};
    }
}

package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.unrecorded.Elementwise;

/** Elementwise {@code a - b} with NumPy broadcasting. */
public final class Sub extends GradFunction {

    private Sub(Tensor a, Tensor b) {
        super(a, b);
    }

    /** {@code a - b}; the shape is the broadcast of both shapes. */
    public static Tensor apply(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary(BinaryOp.SUB, a, b);
        return Autograd.shouldRecord(a, b) ? out.withGradFunction(new Sub(a, b)) : out;
    }

    // d(a - b)/da = 1, d(a - b)/db = -1
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {
            needs[0] ? Broadcasting.reduceTo(g, inputs()[0].shape()) : null,
            needs[1] ? Broadcasting.reduceTo(g.neg(), inputs()[1].shape()) : null};
    }
}

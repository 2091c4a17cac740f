package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** The slice {@code [start, start + length)} of one axis, copied into a new tensor. */
public final class Narrow extends GradFunction {
    private final int axis;
    private final int start;

    private Narrow(Tensor x, int axis, int start) {
        super(x);
        this.axis = axis;
        this.start = start;
    }

    /** Elements {@code start .. start + length - 1} of {@code axis}; the other axes are whole. */
    public static Tensor apply(Tensor x, int axis, int start, int length) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        if (start < 0 || length < 0 || start + length > s.dim(a)) {
            throw new IllegalArgumentException("narrow: slice [" + start + ", " + (start + length) + ") of axis "
                    + axis + " is outside shape " + s);
        }
        int inner = s.innerSize(a);
        Tensor out = Tensor.empty(x.backend(), s.withDim(a, length));
        x.backend().copy2d(x.buffer(), start * inner, s.dim(a) * inner, out.buffer(), 0, length * inner,
                s.outerSize(a), length * inner);
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Narrow(x, a, start)) : out;
    }

    // the slice's gradient goes back to its place; the rest of the input gets zero
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Shape s = inputs()[0].shape();
        int inner = s.innerSize(axis);
        int length = g.dim(axis);
        Tensor gradX = Tensor.zeros(g.backend(), s);
        g.backend().copy2d(g.buffer(), 0, length * inner, gradX.buffer(), start * inner, s.dim(axis) * inner,
                s.outerSize(axis), length * inner);
        return new Tensor[] {gradX};
    }
}

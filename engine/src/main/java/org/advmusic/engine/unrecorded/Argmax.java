package org.advmusic.engine.unrecorded;

import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Index of the first maximum along one axis. Not differentiable. */
public final class Argmax {
    private Argmax() {
    }

    /** Indices (as values) with {@code axis} removed from the shape. */
    public static Tensor apply(Tensor x, int axis) {
        Shape s = x.shape();
        int a = s.normalizeAxis(axis);
        if (s.dim(a) == 0) {
            throw new IllegalArgumentException("argmax: axis " + axis + " of shape " + s + " is empty");
        }
        Tensor out = Tensor.empty(x.backend(), s.withoutAxis(a));
        x.backend().reduce(ReduceOp.ARGMAX, x.buffer(), s.outerSize(a), s.dim(a), s.innerSize(a), out.buffer());
        return out;
    }
}

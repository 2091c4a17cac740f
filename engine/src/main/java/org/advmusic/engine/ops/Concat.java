package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Concatenation along one axis; every other axis must agree. */
public final class Concat extends GradFunction {
    private final int axis;

    private Concat(Tensor[] parts, int axis) {
        super(parts);
        this.axis = axis;
    }

    /** Joins {@code parts} along {@code axis}. */
    public static Tensor apply(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        Shape first = parts[0].shape();
        int a = first.normalizeAxis(axis);
        int total = 0;
        for (Tensor p : parts) {
            parts[0].requireSameBackend("concat", p);
            Shape s = p.shape();
            if (s.rank() != first.rank() || !s.withDim(a, 1).equals(first.withDim(a, 1))) {
                throw new IllegalArgumentException("concat: shapes " + first + " and " + s
                        + " differ outside axis " + axis);
            }
            total += s.dim(a);
        }
        Shape outShape = first.withDim(a, total);
        Tensor out = Tensor.empty(parts[0].backend(), outShape);
        int outer = first.outerSize(a);
        int inner = first.innerSize(a);
        int offset = 0;
        for (Tensor p : parts) {
            int columns = p.dim(a) * inner;
            p.backend().copy2d(p.buffer(), 0, columns, out.buffer(), offset, total * inner, outer, columns);
            offset += columns;
        }
        return Autograd.shouldRecord(parts) ? out.withGradFunction(new Concat(parts, a)) : out;
    }

    // each part receives its own slice of the gradient
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor[] parts = inputs();
        Tensor[] grads = new Tensor[parts.length];
        int start = 0;
        for (int i = 0; i < parts.length; i++) {
            int length = parts[i].dim(axis);
            if (needs[i]) {
                grads[i] = Narrow.apply(g, axis, start, length);
            }
            start += length;
        }
        return grads;
    }
}

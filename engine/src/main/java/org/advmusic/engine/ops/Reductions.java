package org.advmusic.engine.ops;

import org.advmusic.engine.Backend;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Axis bookkeeping shared by {@link Sum}, {@link Mean} and {@link Max}. Records nothing. */
final class Reductions {
    private Reductions() {
    }

    /** Which axes to reduce: the given ones (negative allowed), or all of them when none are given. */
    static boolean[] axisMask(String operation, Shape shape, int[] axes) {
        boolean[] mask = new boolean[shape.rank()];
        if (axes.length == 0) {
            java.util.Arrays.fill(mask, true);
            return mask;
        }
        for (int axis : axes) {
            int a = shape.normalizeAxis(axis);
            if (mask[a]) {
                throw new IllegalArgumentException(operation + ": axis " + axis + " is given twice for shape " + shape);
            }
            mask[a] = true;
        }
        return mask;
    }

    /** The shape with reduced axes set to 1. */
    static Shape keptShape(Shape shape, boolean[] mask) {
        int[] dims = shape.dims();
        for (int i = 0; i < dims.length; i++) {
            if (mask[i]) {
                dims[i] = 1;
            }
        }
        return Shape.of(dims);
    }

    /** The shape with reduced axes removed. */
    static Shape droppedShape(Shape shape, boolean[] mask) {
        int count = 0;
        for (boolean m : mask) {
            count += m ? 0 : 1;
        }
        int[] dims = new int[count];
        for (int i = 0, j = 0; i < mask.length; i++) {
            if (!mask[i]) {
                dims[j++] = shape.dim(i);
            }
        }
        return Shape.of(dims);
    }

    /** Number of elements folded into each output element. */
    static int reducedCount(Shape shape, boolean[] mask) {
        int n = 1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                n *= shape.dim(i);
            }
        }
        return n;
    }

    /**
     * Reduces the masked axes of {@code x} with {@code op}, giving a new tensor of
     * {@link #keptShape}. Each run of adjacent masked axes is one backend call over an
     * {@code (outer, n, inner)} view.
     */
    static Tensor reduce(String operation, ReduceOp op, Tensor x, boolean[] mask) {
        Backend backend = x.backend();
        int[] dims = x.shape().dims();
        for (int d : dims) {
            if (d == 0) {
                throw new IllegalArgumentException(operation + ": cannot reduce the empty shape " + x.shape());
            }
        }
        Tensor current = x;
        int i = 0;
        while (i < dims.length) {
            if (!mask[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < dims.length && mask[j]) {
                j++;
            }
            int outer = product(dims, 0, i);
            int n = product(dims, i, j);
            int inner = product(dims, j, dims.length);
            for (int k = i; k < j; k++) {
                dims[k] = 1;
            }
            Tensor next = Tensor.empty(backend, Shape.of(dims));
            backend.reduce(op, current.buffer(), outer, n, inner, next.buffer());
            current = next;
            i = j;
        }
        return current == x ? x.copy() : current;
    }

    private static int product(int[] dims, int from, int to) {
        int p = 1;
        for (int k = from; k < to; k++) {
            p *= dims[k];
        }
        return p;
    }
}

package org.advmusic.engine.ops;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/** Reorders axes (transpose is the two-axis case); copies into a new contiguous tensor. */
public final class Permute extends GradFunction {
    private final int[] inverse;

    private Permute(Tensor x, int[] inverse) {
        super(x);
        this.inverse = inverse;
    }

    /** Output axis {@code i} is input axis {@code axes[i]}; {@code axes} must be a permutation. */
    public static Tensor apply(Tensor x, int... axes) {
        Shape shape = x.shape();
        if (axes.length != shape.rank()) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " has " + axes.length
                    + " axes for shape " + shape + " of rank " + shape.rank());
        }
        int[] normalized = new int[axes.length];
        int[] inverse = new int[axes.length];
        boolean[] seen = new boolean[axes.length];
        int[] outDims = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = shape.normalizeAxis(axes[i]);
            if (seen[a]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " is not a permutation of the axes of " + shape);
            }
            seen[a] = true;
            normalized[i] = a;
            inverse[a] = i;
            outDims[i] = shape.dim(a);
        }
        Tensor out = Tensor.empty(x.backend(), Shape.of(outDims));
        x.backend().permute(x.buffer(), shape, normalized, out.buffer());
        return Autograd.shouldRecord(x) ? out.withGradFunction(new Permute(x, inverse)) : out;
    }

    // a permutation moves values: the gradient is moved back by the inverse permutation
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {Permute.apply(g, inverse)};
    }
}

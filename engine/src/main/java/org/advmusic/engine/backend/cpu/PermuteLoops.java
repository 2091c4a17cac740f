package org.advmusic.engine.backend.cpu;

import org.advmusic.engine.Shape;

/**
 * {@link org.advmusic.engine.Backend#permute} on float arrays: the output is walked row by row (all
 * axes but the last), each row gathered from the input with the stride of the input axis that
 * became the last one.
 */
final class PermuteLoops {
    private final int[] outDims;
    private final int[] sourceStrides;

    /** Output axis {@code i} is input axis {@code axes[i]} of {@code shape}. */
    PermuteLoops(Shape shape, int[] axes) {
        int rank = shape.rank();
        int[] inStrides = shape.strides();
        outDims = new int[rank];
        sourceStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = shape.dim(axes[i]);
            sourceStrides[i] = inStrides[axes[i]];
        }
    }

    /** Number of output rows; each holds {@link #rowLength()} elements. */
    int rows() {
        int rows = 1;
        for (int i = 0; i < outDims.length - 1; i++) {
            rows *= outDims[i];
        }
        return rows;
    }

    /** Elements per output row (1 for a scalar). */
    int rowLength() {
        return outDims.length == 0 ? 1 : outDims[outDims.length - 1];
    }

    /** Writes output rows {@code [rowStart, rowEnd)}. */
    void run(float[] x, float[] out, int rowStart, int rowEnd) {
        int last = outDims.length - 1;
        int n = rowLength();
        int step = last < 0 ? 0 : sourceStrides[last];
        for (int row = rowStart; row < rowEnd; row++) {
            int src = 0;
            int rest = row;
            for (int axis = last - 1; axis >= 0; axis--) {
                src += rest % outDims[axis] * sourceStrides[axis];
                rest /= outDims[axis];
            }
            int dst = row * n;
            for (int j = 0; j < n; j++) {
                out[dst + j] = x[src + j * step];
            }
        }
    }
}

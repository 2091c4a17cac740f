package org.advmusic.engine.backend.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The strided reading of one or two operands over an output shape, with redundant axes removed, for
 * the {@code StridedIndex} kernel argument: output element {@code i}
 * with coordinates {@code (i_0, ..., i_{r-1})} reads operand {@code o} at
 * {@code sum_d i_d * strides[o][d]}.
 *
 * <p>Axes of size 1 are dropped, and two neighbouring axes {@code d, d + 1} are merged when every
 * operand steps over them as over one axis ({@code strides[o][d] == strides[o][d + 1] * dims[d + 1]}):
 * a contiguous operand of any rank becomes rank 1, a bias broadcast over {@code (N, C, H, W)} becomes
 * {@code (N, C, H W)} with strides {@code (0, 1, 0)}. The kernels then do less index arithmetic, and
 * tensors of high rank fit {@link #MAX_RANK}.
 */
final class CollapsedIndex {
    /** The largest rank the kernels accept ({@code ADVMUSIC_MAX_RANK} in common.cuh). */
    static final int MAX_RANK = 8;
    /** Operands whose strides the kernel struct holds. */
    private static final int STRUCT_OPERANDS = 2;

    private final int[] dims;
    private final int[][] strides;

    private CollapsedIndex(int[] dims, int[][] strides) {
        this.dims = dims;
        this.strides = strides;
    }

    /**
     * @param dims    the output shape
     * @param strides per operand, one stride per output axis
     */
    static CollapsedIndex of(int[] dims, int[]... strides) {
        List<Integer> keptDims = new ArrayList<>();
        List<int[]> keptStrides = new ArrayList<>(); // per kept axis, one stride per operand
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 1) {
                continue;
            }
            int[] axis = new int[strides.length];
            for (int o = 0; o < strides.length; o++) {
                axis[o] = strides[o][d];
            }
            int last = keptDims.size() - 1;
            if (last >= 0 && mergeable(keptStrides.get(last), axis, dims[d])) {
                keptDims.set(last, keptDims.get(last) * dims[d]);
                keptStrides.set(last, axis); // the merged axis steps like the inner one
            } else {
                keptDims.add(dims[d]);
                keptStrides.add(axis);
            }
        }
        int rank = keptDims.size();
        int[] outDims = new int[rank];
        int[][] outStrides = new int[strides.length][rank];
        for (int d = 0; d < rank; d++) {
            outDims[d] = keptDims.get(d);
            for (int o = 0; o < strides.length; o++) {
                outStrides[o][d] = keptStrides.get(d)[o];
            }
        }
        return new CollapsedIndex(outDims, outStrides);
    }

    private static boolean mergeable(int[] outer, int[] inner, int innerSize) {
        for (int o = 0; o < outer.length; o++) {
            if ((long) outer[o] != (long) inner[o] * innerSize) {
                return false;
            }
        }
        return true;
    }

    /** Rank after collapsing (0 for a single element). */
    int rank() {
        return dims.length;
    }

    /** The collapsed output shape. */
    int[] dims() {
        return dims.clone();
    }

    /** The collapsed strides of operand {@code operand}. */
    int[] strides(int operand) {
        return strides[operand].clone();
    }

    /** Whether every operand is read contiguously in output order (rank at most 1, strides 1). */
    boolean isContiguous() {
        for (int[] s : strides) {
            if (s.length == 1 && s[0] != 1) {
                return false;
            }
        }
        return dims.length <= 1;
    }

    /**
     * The kernel struct {@code StridedIndex} of common.cuh: {@code rank}, {@code dims}, then the
     * strides of operands 0 and 1 (zeros for a missing second operand), each padded to
     * {@link #MAX_RANK} entries.
     *
     * @throws IllegalArgumentException when the collapsed rank exceeds {@link #MAX_RANK}
     */
    int[] packed(String operation) {
        if (dims.length > MAX_RANK) {
            throw new IllegalArgumentException(operation + ": the strided layout " + Arrays.toString(dims)
                    + " has rank " + dims.length + " after merging axes; the CUDA kernels accept up to " + MAX_RANK);
        }
        if (strides.length > STRUCT_OPERANDS) {
            throw new IllegalStateException(strides.length + " operands; the kernel struct holds " + STRUCT_OPERANDS);
        }
        int[] fields = new int[1 + (1 + STRUCT_OPERANDS) * MAX_RANK];
        fields[0] = dims.length;
        System.arraycopy(dims, 0, fields, 1, dims.length);
        for (int o = 0; o < strides.length; o++) {
            System.arraycopy(strides[o], 0, fields, 1 + (1 + o) * MAX_RANK, dims.length);
        }
        return fields;
    }
}

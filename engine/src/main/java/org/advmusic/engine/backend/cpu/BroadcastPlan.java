package org.advmusic.engine.backend.cpu;

import java.util.ArrayList;
import java.util.List;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Shape;

/**
 * How a broadcasting binary operation walks its operands: the output shape with axes of size 1
 * dropped and neighbouring axes merged wherever both operands are laid out contiguously (or both
 * broadcast) across them. Equal shapes become one long row; {@code (N, C, H, W) op (1, C, 1, 1)}
 * becomes {@code (N, C, H*W)} rows of {@code H*W} elements with a constant right operand per row.
 */
final class BroadcastPlan {
    private final int[] dims;
    private final int[] aStrides;
    private final int[] bStrides;
    private final int size;

    BroadcastPlan(Shape aShape, Shape bShape, Shape outShape) {
        int[] outDims = outShape.dims();
        int[] sa = aShape.broadcastStrides(outShape);
        int[] sb = bShape.broadcastStrides(outShape);
        List<int[]> axes = new ArrayList<>(); // {dim, strideA, strideB}, outermost first
        for (int i = 0; i < outDims.length; i++) {
            if (outDims[i] == 1) {
                continue;
            }
            int[] last = axes.isEmpty() ? null : axes.get(axes.size() - 1);
            if (last != null && last[1] == sa[i] * outDims[i] && last[2] == sb[i] * outDims[i]) {
                last[0] *= outDims[i]; // merge into the outer neighbour: it now steps like this axis
                last[1] = sa[i];
                last[2] = sb[i];
            } else {
                axes.add(new int[] {outDims[i], sa[i], sb[i]});
            }
        }
        if (axes.isEmpty()) {
            axes.add(new int[] {1, 0, 0});
        }
        dims = new int[axes.size()];
        aStrides = new int[axes.size()];
        bStrides = new int[axes.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = axes.get(i)[0];
            aStrides[i] = axes.get(i)[1];
            bStrides[i] = axes.get(i)[2];
        }
        size = outShape.size();
    }

    /** Number of output elements. */
    int size() {
        return size;
    }

    /** Computes output elements {@code [start, end)} row segment by row segment. */
    void run(BinaryOp op, float[] a, float[] b, float[] out, int start, int end) {
        if (dims.length == 1 && aStrides[0] == 1 && bStrides[0] == 1) {
            BinaryLoops.sameShape(op, a, b, out, start, end);
            return;
        }
        int last = dims.length - 1;
        int inner = dims[last];
        for (int e = start; e < end; ) {
            int row = e / inner;
            int column = e - row * inner;
            int ao = column * aStrides[last];
            int bo = column * bStrides[last];
            for (int axis = last - 1; axis >= 0; axis--) {
                int index = row % dims[axis];
                row /= dims[axis];
                ao += index * aStrides[axis];
                bo += index * bStrides[axis];
            }
            int n = Math.min(inner - column, end - e);
            BinaryLoops.row(op, a, ao, aStrides[last], b, bo, bStrides[last], out, e, n);
            e += n;
        }
    }
}

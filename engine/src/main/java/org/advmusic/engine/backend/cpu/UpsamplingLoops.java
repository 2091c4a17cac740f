package org.advmusic.engine.backend.cpu;

import java.util.Arrays;

/**
 * Bilinear resizing with PyTorch's {@code align_corners=False} sampling on float arrays for one
 * size pair, one plane per call so that callers can parallelise over planes. The two source
 * neighbours and the interpolation weight of every output row and column are computed once, in
 * double precision.
 */
final class UpsamplingLoops {
    private final int inHeight;
    private final int inWidth;
    private final Axis rows;
    private final Axis columns;

    /** Per output position along one axis: the lower and upper source index and the upper one's weight. */
    private record Axis(int[] low, int[] high, double[] weight) {
        /** Source coordinate {@code (dst + 0.5) * in / out - 0.5}, clamped at 0. */
        static Axis of(int in, int out) {
            int[] low = new int[out];
            int[] high = new int[out];
            double[] weight = new double[out];
            for (int o = 0; o < out; o++) {
                double source = Math.max((o + 0.5) * in / out - 0.5, 0.0);
                low[o] = (int) source;
                high[o] = Math.min(low[o] + 1, in - 1);
                weight[o] = source - low[o];
            }
            return new Axis(low, high, weight);
        }
    }

    UpsamplingLoops(int inHeight, int inWidth, int outHeight, int outWidth) {
        this.inHeight = inHeight;
        this.inWidth = inWidth;
        this.rows = Axis.of(inHeight, outHeight);
        this.columns = Axis.of(inWidth, outWidth);
    }

    /** Resizes plane {@code p}: {@code x (planes, inHeight, inWidth) -> out (planes, outHeight, outWidth)}. */
    void plane(float[] x, int p, float[] out) {
        int base = p * inHeight * inWidth;
        int o = p * rows.low.length * columns.low.length;
        for (int oy = 0; oy < rows.low.length; oy++) {
            int top = base + rows.low[oy] * inWidth;
            int bottom = base + rows.high[oy] * inWidth;
            double ly = rows.weight[oy];
            for (int ox = 0; ox < columns.low.length; ox++, o++) {
                int x0 = columns.low[ox];
                int x1 = columns.high[ox];
                double lx = columns.weight[ox];
                double upper = (1 - lx) * x[top + x0] + lx * x[top + x1];
                double lower = (1 - lx) * x[bottom + x0] + lx * x[bottom + x1];
                out[o] = (float) ((1 - ly) * upper + ly * lower);
            }
        }
    }

    /** Overwrites plane {@code p} of {@code gradIn} with the adjoint of {@link #plane} applied to {@code gradOut}. */
    void backwardPlane(float[] gradOut, int p, float[] gradIn) {
        int base = p * inHeight * inWidth;
        int o = p * rows.low.length * columns.low.length;
        Arrays.fill(gradIn, base, base + inHeight * inWidth, 0f);
        for (int oy = 0; oy < rows.low.length; oy++) {
            int top = base + rows.low[oy] * inWidth;
            int bottom = base + rows.high[oy] * inWidth;
            double ly = rows.weight[oy];
            for (int ox = 0; ox < columns.low.length; ox++, o++) {
                int x0 = columns.low[ox];
                int x1 = columns.high[ox];
                double lx = columns.weight[ox];
                double g = gradOut[o];
                gradIn[top + x0] += (float) ((1 - ly) * (1 - lx) * g);
                gradIn[top + x1] += (float) ((1 - ly) * lx * g);
                gradIn[bottom + x0] += (float) (ly * (1 - lx) * g);
                gradIn[bottom + x1] += (float) (ly * lx * g);
            }
        }
    }
}

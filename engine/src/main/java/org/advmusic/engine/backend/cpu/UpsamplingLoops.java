package org.advmusic.engine.backend.cpu;

import java.util.Arrays;

/**
 * Bilinear resizing with PyTorch's {@code align_corners=False} sampling on float arrays, one plane
 * per call so that callers can parallelise over planes; weights are computed in double precision.
 */
final class UpsamplingLoops {
    private UpsamplingLoops() {
    }

    /** Source coordinate of output pixel {@code dst}: {@code (dst + 0.5) * in / out - 0.5}, clamped at 0. */
    private static double sourceCoordinate(int dst, int in, int out) {
        return Math.max((dst + 0.5) * in / out - 0.5, 0.0);
    }

    /** Resizes plane {@code p} of {@code x (planes, inHeight, inWidth)} into {@code out (planes, outHeight, outWidth)}. */
    static void plane(float[] x, int p, int inHeight, int inWidth, int outHeight, int outWidth, float[] out) {
        int base = p * inHeight * inWidth;
        for (int oy = 0; oy < outHeight; oy++) {
            double sy = sourceCoordinate(oy, inHeight, outHeight);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, inHeight - 1);
            double ly = sy - y0;
            for (int ox = 0; ox < outWidth; ox++) {
                double sx = sourceCoordinate(ox, inWidth, outWidth);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, inWidth - 1);
                double lx = sx - x0;
                double top = (1 - lx) * x[base + y0 * inWidth + x0] + lx * x[base + y0 * inWidth + x1];
                double bottom = (1 - lx) * x[base + y1 * inWidth + x0] + lx * x[base + y1 * inWidth + x1];
                out[(p * outHeight + oy) * outWidth + ox] = (float) ((1 - ly) * top + ly * bottom);
            }
        }
    }

    /** Overwrites plane {@code p} of {@code gradIn} with the adjoint of {@link #plane} applied to {@code gradOut}. */
    static void backwardPlane(float[] gradOut, int p, int inHeight, int inWidth, int outHeight, int outWidth,
                              float[] gradIn) {
        int base = p * inHeight * inWidth;
        Arrays.fill(gradIn, base, base + inHeight * inWidth, 0f);
        for (int oy = 0; oy < outHeight; oy++) {
            double sy = sourceCoordinate(oy, inHeight, outHeight);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, inHeight - 1);
            double ly = sy - y0;
            for (int ox = 0; ox < outWidth; ox++) {
                double sx = sourceCoordinate(ox, inWidth, outWidth);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, inWidth - 1);
                double lx = sx - x0;
                double g = gradOut[(p * outHeight + oy) * outWidth + ox];
                gradIn[base + y0 * inWidth + x0] += (float) ((1 - ly) * (1 - lx) * g);
                gradIn[base + y0 * inWidth + x1] += (float) ((1 - ly) * lx * g);
                gradIn[base + y1 * inWidth + x0] += (float) (ly * (1 - lx) * g);
                gradIn[base + y1 * inWidth + x1] += (float) (ly * lx * g);
            }
        }
    }
}

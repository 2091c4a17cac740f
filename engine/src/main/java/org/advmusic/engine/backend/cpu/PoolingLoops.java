package org.advmusic.engine.backend.cpu;

import java.util.Arrays;
import org.advmusic.engine.Pool2dGeometry;

/**
 * Max and average pooling on float arrays for one geometry, one {@code (sample, channel)} plane per
 * call so that callers can parallelise over planes. Semantics are those of {@link Pool2dGeometry}
 * and the reference backend: padding is skipped by max pooling and counts as zero for average
 * pooling. The part of each window that lies inside the input is computed once per axis.
 */
final class PoolingLoops {
    private final Pool2dGeometry g;
    private final Windows rows;
    private final Windows columns;
    /** The output size, computed once (each geometry accessor divides). */
    private final int outHeight;
    private final int outWidth;

    /** For each output position along one axis, the input range {@code [from, to)} its window covers. */
    private record Windows(int[] from, int[] to) {
        static Windows of(int size, int kernel, int stride, int pad, int outSize) {
            int[] from = new int[outSize];
            int[] to = new int[outSize];
            for (int o = 0; o < outSize; o++) {
                int start = o * stride - pad;
                from[o] = Math.max(0, start);
                to[o] = Math.min(size, start + kernel);
            }
            return new Windows(from, to);
        }
    }

    PoolingLoops(Pool2dGeometry g) {
        this.g = g;
        this.outHeight = g.outHeight();
        this.outWidth = g.outWidth();
        this.rows = Windows.of(g.height(), g.kernelHeight(), g.strideHeight(), g.padHeight(), outHeight);
        this.columns = Windows.of(g.width(), g.kernelWidth(), g.strideWidth(), g.padWidth(), outWidth);
    }

    /** Max pooling of plane {@code p}; {@code argmax} gets {@code iy * width + ix} of the first maximum. */
    void maxPlane(float[] x, float[] out, float[] argmax, int p) {
        if (g.kernelHeight() == 2 && g.kernelWidth() == 2 && g.strideHeight() == 2 && g.strideWidth() == 2
                && g.padHeight() == 0 && g.padWidth() == 0) {
            maxPlaneTwoByTwo(x, out, argmax, p);
            return;
        }
        int w = g.width();
        int in = p * g.height() * w;
        int o = p * outHeight * outWidth;
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++, o++) {
                int bestIndex = rows.from[oy] * w + columns.from[ox];
                float best = x[in + bestIndex];
                for (int iy = rows.from[oy]; iy < rows.to[oy]; iy++) {
                    for (int ix = columns.from[ox]; ix < columns.to[ox]; ix++) {
                        float v = x[in + iy * w + ix];
                        // a larger value or the first NaN replaces best; nothing replaces a NaN
                        if (!(v <= best) && best == best) {
                            best = v;
                            bestIndex = iy * w + ix;
                        }
                    }
                }
                out[o] = best;
                argmax[o] = bestIndex;
            }
        }
    }

    /**
     * {@link #maxPlane} for the common 2x2 window with stride 2 and no padding: the maximum with
     * {@link Math#max} (which propagates NaN), then the first window element equal to it (or the first
     * NaN), in window order (0, 0), (0, 1), (1, 0), (1, 1).
     */
    private void maxPlaneTwoByTwo(float[] x, float[] out, float[] argmax, int p) {
        int w = g.width();
        int in = p * g.height() * w;
        int o = p * outHeight * outWidth;
        for (int oy = 0; oy < outHeight; oy++) {
            int top = in + 2 * oy * w;
            int bottom = top + w;
            for (int ox = 0; ox < outWidth; ox++, o++) {
                float a = x[top + 2 * ox];
                float b = x[top + 2 * ox + 1];
                float c = x[bottom + 2 * ox];
                float d = x[bottom + 2 * ox + 1];
                float best = Math.max(Math.max(a, b), Math.max(c, d));
                // selections from the last corner back rather than a chain of branches: which corner holds
                // the maximum is unpredictable, so the JIT's conditional moves beat mispredicted jumps
                int corner = w + 1;
                corner = wins(c, best) ? w : corner;
                corner = wins(b, best) ? 1 : corner;
                corner = wins(a, best) ? 0 : corner;
                out[o] = best;
                argmax[o] = 2 * oy * w + 2 * ox + corner;
            }
        }
    }

    /** Whether {@code v} is the window's maximum {@code best}, or a NaN when the maximum is NaN. */
    private static boolean wins(float v, float best) {
        return v == best | v != v & best != best; // non-short-circuit: no branches
    }

    /** Overwrites plane {@code p} of {@code gradIn} with {@code gradOut} routed to the argmax positions. */
    void maxBackwardPlane(float[] gradOut, float[] argmax, float[] gradIn, int p) {
        int outPlane = outHeight * outWidth;
        int plane = g.height() * g.width();
        Arrays.fill(gradIn, p * plane, (p + 1) * plane, 0f);
        for (int j = p * outPlane; j < (p + 1) * outPlane; j++) {
            gradIn[p * plane + (int) argmax[j]] += gradOut[j];
        }
    }

    /** Average pooling of plane {@code p}, dividing by the full window size. */
    void averagePlane(float[] x, float[] out, int p) {
        int w = g.width();
        int in = p * g.height() * w;
        int o = p * outHeight * outWidth;
        float window = g.kernelHeight() * g.kernelWidth();
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++, o++) {
                float sum = 0f;
                for (int iy = rows.from[oy]; iy < rows.to[oy]; iy++) {
                    for (int ix = columns.from[ox]; ix < columns.to[ox]; ix++) {
                        sum += x[in + iy * w + ix];
                    }
                }
                out[o] = sum / window;
            }
        }
    }

    /** Overwrites plane {@code p} of {@code gradIn} with the adjoint of average pooling. */
    void averageBackwardPlane(float[] gradOut, float[] gradIn, int p) {
        int w = g.width();
        int in = p * g.height() * w;
        int o = p * outHeight * outWidth;
        float window = g.kernelHeight() * g.kernelWidth();
        Arrays.fill(gradIn, in, in + g.height() * w, 0f);
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++, o++) {
                float share = gradOut[o] / window;
                for (int iy = rows.from[oy]; iy < rows.to[oy]; iy++) {
                    for (int ix = columns.from[ox]; ix < columns.to[ox]; ix++) {
                        gradIn[in + iy * w + ix] += share;
                    }
                }
            }
        }
    }
}

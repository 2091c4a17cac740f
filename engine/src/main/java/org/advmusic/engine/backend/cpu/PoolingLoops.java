package org.advmusic.engine.backend.cpu;

import java.util.Arrays;
import org.advmusic.engine.Pool2dGeometry;

/**
 * Max and average pooling on float arrays, one {@code (sample, channel)} plane per call so that
 * callers can parallelise over planes. Semantics are those of {@link Pool2dGeometry} and the
 * reference backend: padding is skipped by max pooling and counts as zero for average pooling.
 */
final class PoolingLoops {
    private PoolingLoops() {
    }

    /** Max pooling of plane {@code p}; {@code argmax} gets {@code iy * width + ix} of the first maximum. */
    static void maxPlane(Pool2dGeometry g, float[] x, float[] out, float[] argmax, int p) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int in = p * g.height() * g.width();
        for (int oy = 0; oy < oh; oy++) {
            int y0 = oy * g.strideHeight() - g.padHeight();
            int yFrom = Math.max(0, y0);
            int yTo = Math.min(g.height(), y0 + g.kernelHeight());
            for (int ox = 0; ox < ow; ox++) {
                int x0 = ox * g.strideWidth() - g.padWidth();
                int xFrom = Math.max(0, x0);
                int xTo = Math.min(g.width(), x0 + g.kernelWidth());
                float best = Float.NEGATIVE_INFINITY;
                int bestIndex = -1;
                for (int iy = yFrom; iy < yTo; iy++) {
                    for (int ix = xFrom; ix < xTo; ix++) {
                        float v = x[in + iy * g.width() + ix];
                        if (bestIndex < 0 || v > best || Float.isNaN(v) && !Float.isNaN(best)) {
                            best = v;
                            bestIndex = iy * g.width() + ix;
                        }
                    }
                }
                int o = (p * oh + oy) * ow + ox;
                out[o] = best;
                argmax[o] = bestIndex;
            }
        }
    }

    /** Overwrites plane {@code p} of {@code gradIn} with {@code gradOut} routed to the argmax positions. */
    static void maxBackwardPlane(Pool2dGeometry g, float[] gradOut, float[] argmax, float[] gradIn, int p) {
        int outPlane = g.outHeight() * g.outWidth();
        int plane = g.height() * g.width();
        Arrays.fill(gradIn, p * plane, (p + 1) * plane, 0f);
        for (int j = p * outPlane; j < (p + 1) * outPlane; j++) {
            gradIn[p * plane + (int) argmax[j]] += gradOut[j];
        }
    }

    /** Average pooling of plane {@code p}, dividing by the full window size. */
    static void averagePlane(Pool2dGeometry g, float[] x, float[] out, int p) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int in = p * g.height() * g.width();
        float window = g.kernelHeight() * g.kernelWidth();
        for (int oy = 0; oy < oh; oy++) {
            int y0 = oy * g.strideHeight() - g.padHeight();
            int yFrom = Math.max(0, y0);
            int yTo = Math.min(g.height(), y0 + g.kernelHeight());
            for (int ox = 0; ox < ow; ox++) {
                int x0 = ox * g.strideWidth() - g.padWidth();
                int xFrom = Math.max(0, x0);
                int xTo = Math.min(g.width(), x0 + g.kernelWidth());
                float sum = 0f;
                for (int iy = yFrom; iy < yTo; iy++) {
                    for (int ix = xFrom; ix < xTo; ix++) {
                        sum += x[in + iy * g.width() + ix];
                    }
                }
                out[(p * oh + oy) * ow + ox] = sum / window;
            }
        }
    }

    /** Overwrites plane {@code p} of {@code gradIn} with the adjoint of average pooling. */
    static void averageBackwardPlane(Pool2dGeometry g, float[] gradOut, float[] gradIn, int p) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int in = p * g.height() * g.width();
        float window = g.kernelHeight() * g.kernelWidth();
        Arrays.fill(gradIn, in, in + g.height() * g.width(), 0f);
        for (int oy = 0; oy < oh; oy++) {
            int y0 = oy * g.strideHeight() - g.padHeight();
            int yFrom = Math.max(0, y0);
            int yTo = Math.min(g.height(), y0 + g.kernelHeight());
            for (int ox = 0; ox < ow; ox++) {
                int x0 = ox * g.strideWidth() - g.padWidth();
                int xFrom = Math.max(0, x0);
                int xTo = Math.min(g.width(), x0 + g.kernelWidth());
                float share = gradOut[(p * oh + oy) * ow + ox] / window;
                for (int iy = yFrom; iy < yTo; iy++) {
                    for (int ix = xFrom; ix < xTo; ix++) {
                        gradIn[in + iy * g.width() + ix] += share;
                    }
                }
            }
        }
    }
}

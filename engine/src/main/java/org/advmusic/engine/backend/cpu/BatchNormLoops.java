package org.advmusic.engine.backend.cpu;

/**
 * The fused per-channel loops of batch normalisation on float arrays laid out as
 * {@code (batch, channels, spatial)}: a row is the {@code spatial} values of one sample and channel,
 * row {@code r} belongs to channel {@code r % channels}. The elementwise maps
 * ({@link org.advmusic.engine.Backend#channelAffine}, {@link org.advmusic.engine.Backend#channelLinearCombination})
 * run over ranges of rows in float, with tight loops the JIT vectorises; the sums
 * ({@link org.advmusic.engine.Backend#batchNormGradientSums}) run one channel per call in double, in an
 * order fixed by the shape, so callers that split the work by channel get the same bits on any number
 * of threads.
 */
final class BatchNormLoops {
    private BatchNormLoops() {
    }

    /**
     * {@code out = x * scale[c] + shift[c]} (no shift when {@code shift} is null) over the rows
     * {@code [rowStart, rowEnd)}.
     */
    static void affine(float[] x, float[] scale, float[] shift, int channels, int spatial, float[] out,
                       int rowStart, int rowEnd) {
        if (rowStart == rowEnd) {
            return; // no rows, possibly no channels
        }
        int c = rowStart % channels;
        for (int row = rowStart; row < rowEnd; row++) {
            int start = row * spatial;
            int end = start + spatial;
            float a = scale[c];
            if (shift == null) {
                for (int i = start; i < end; i++) {
                    out[i] = x[i] * a;
                }
            } else {
                float b = shift[c];
                for (int i = start; i < end; i++) {
                    out[i] = x[i] * a + b;
                }
            }
            c = c + 1 == channels ? 0 : c + 1;
        }
    }

    /** {@code out = a * aScale[c] + b * bScale[c] + shift[c]} over the rows {@code [rowStart, rowEnd)}. */
    static void linearCombination(float[] a, float[] b, float[] aScale, float[] bScale, float[] shift, int channels,
                                  int spatial, float[] out, int rowStart, int rowEnd) {
        if (rowStart == rowEnd) {
            return; // no rows, possibly no channels
        }
        int c = rowStart % channels;
        for (int row = rowStart; row < rowEnd; row++) {
            int start = row * spatial;
            int end = start + spatial;
            float p = aScale[c];
            float q = bScale[c];
            float r = shift[c];
            for (int i = start; i < end; i++) {
                out[i] = a[i] * p + b[i] * q + r;
            }
            c = c + 1 == channels ? 0 : c + 1;
        }
    }

    /**
     * For channel {@code c}: {@code sumGrad[c] = sum g} and {@code sumGradCentered[c] = sum g (x - mean[c])}
     * over its rows, in double with four interleaved partial sums each, rows in batch order.
     */
    static void gradientSums(float[] g, float[] x, float[] mean, int batch, int channels, int spatial, int c,
                             float[] sumGrad, float[] sumGradCentered) {
        double mu = mean[c];
        double g0 = 0;
        double g1 = 0;
        double g2 = 0;
        double g3 = 0;
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        for (int n = 0; n < batch; n++) {
            int i = (n * channels + c) * spatial;
            int end = i + spatial;
            for (; i + 3 < end; i += 4) {
                double v0 = g[i];
                double v1 = g[i + 1];
                double v2 = g[i + 2];
                double v3 = g[i + 3];
                g0 += v0;
                g1 += v1;
                g2 += v2;
                g3 += v3;
                p0 += v0 * (x[i] - mu);
                p1 += v1 * (x[i + 1] - mu);
                p2 += v2 * (x[i + 2] - mu);
                p3 += v3 * (x[i + 3] - mu);
            }
            for (; i < end; i++) {
                g0 += g[i];
                p0 += g[i] * (x[i] - mu);
            }
        }
        sumGrad[c] = (float) ((g0 + g1) + (g2 + g3));
        sumGradCentered[c] = (float) ((p0 + p1) + (p2 + p3));
    }
}

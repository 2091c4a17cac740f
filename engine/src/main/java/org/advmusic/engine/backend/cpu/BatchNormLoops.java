package org.advmusic.engine.backend.cpu;

/**
 * The fused per-channel loops of batch normalisation on float arrays laid out as
 * {@code (batch, channels, spatial)}: a row is the {@code spatial} values of one sample and channel,
 * row {@code r} belongs to channel {@code r % channels}. The elementwise maps
 * ({@link org.advmusic.engine.Backend#channelAffine}, {@link org.advmusic.engine.Backend#channelLinearCombination})
 * run row by row in float, with tight loops the JIT vectorises; the sums
 * ({@link org.advmusic.engine.Backend#batchNormGradientSums}) run one channel per call in double, in an
 * order fixed by the shape, so callers that split the work by channel get the same bits on any number
 * of threads.
 */
final class BatchNormLoops {
    private BatchNormLoops() {
    }

    /** Work on one row: the elements {@code [start, end)} of channel {@code channel}. */
    @FunctionalInterface
    interface RowBody {
        void run(int channel, int start, int end);
    }

    /** Runs {@code body} for each of the rows {@code [rowStart, rowEnd)} of {@code spatial} elements. */
    static void forEachRow(int channels, int spatial, int rowStart, int rowEnd, RowBody body) {
        if (rowStart == rowEnd) {
            return; // no rows, possibly no channels
        }
        int channel = rowStart % channels;
        for (int row = rowStart; row < rowEnd; row++) {
            body.run(channel, row * spatial, (row + 1) * spatial);
            channel = channel + 1 == channels ? 0 : channel + 1;
        }
    }

    /** {@code out[i] = x[i] * scale} for {@code start <= i < end}. */
    static void scale(float[] x, float scale, float[] out, int start, int end) {
        for (int i = start; i < end; i++) {
            out[i] = x[i] * scale;
        }
    }

    /** {@code out[i] = x[i] * scale + shift} for {@code start <= i < end}. */
    static void affine(float[] x, float scale, float shift, float[] out, int start, int end) {
        for (int i = start; i < end; i++) {
            out[i] = x[i] * scale + shift;
        }
    }

    /** {@code out[i] = max(x[i] * scale + shift, 0)} for {@code start <= i < end} (NaN stays NaN). */
    static void rectifiedAffine(float[] x, float scale, float shift, float[] out, int start, int end) {
        for (int i = start; i < end; i++) {
            out[i] = Math.max(x[i] * scale + shift, 0f);
        }
    }

    /** {@code out[i] = (output[i] > 0 ? g[i] : 0) * scale} for {@code start <= i < end}. */
    static void rectifiedScale(float[] g, float[] output, float scale, float[] out, int start, int end) {
        for (int i = start; i < end; i++) {
            out[i] = ReluGate.gate(g[i] * scale, output[i]);
        }
    }

    /** {@code out[i] = a[i] * aScale + b[i] * bScale + shift} for {@code start <= i < end}. */
    static void linearCombination(float[] a, float aScale, float[] b, float bScale, float shift, float[] out,
                                  int start, int end) {
        for (int i = start; i < end; i++) {
            out[i] = a[i] * aScale + b[i] * bScale + shift;
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

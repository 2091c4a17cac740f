package org.advmusic.engine.backend.cpu;

import java.util.Arrays;
import org.advmusic.engine.Conv2dGeometry;

/**
 * im2col and col2im on float arrays for one {@code (sample, channel)} pair at a time, so that
 * callers can parallelise over pairs (each pair reads and writes its own rows and plane).
 * Layouts are those of {@link Conv2dGeometry}.
 */
final class ConvolutionLoops {
    private ConvolutionLoops() {
    }

    /**
     * Writes columns {@code [col0, col0 + count)} of row {@code row} of the im2col matrix of the
     * sample that starts at {@code x[sample]} into {@code dst[d ..]}; padding reads as zero.
     */
    static void colRow(Conv2dGeometry g, float[] x, int sample, int row, int col0, int count, float[] dst, int d) {
        int kw = g.kernelWidth();
        int kh = g.kernelHeight();
        int kj = row % kw;
        int ki = (row / kw) % kh;
        int plane = sample + row / (kw * kh) * g.height() * g.width();
        int ow = g.outWidth();
        int end = col0 + count;
        for (int j = col0; j < end; ) {
            int oy = j / ow;
            int ox = j - oy * ow;
            int n = Math.min(ow - ox, end - j);
            int iy = oy * g.strideHeight() - g.padHeight() + ki;
            int to = d + j - col0;
            if (iy < 0 || iy >= g.height()) {
                Arrays.fill(dst, to, to + n, 0f);
            } else {
                rowSegment(x, plane + iy * g.width(), g.width(), ox, n, g.strideWidth(), kj - g.padWidth(), dst, to);
            }
            j += n;
        }
    }

    /**
     * {@code dst[to + t] = input[ix]} with {@code ix = (ox + t) * stride + shift} for {@code t < n},
     * zero where ix falls outside {@code [0, width)}; {@code input} is one row at {@code rowStart}.
     */
    private static void rowSegment(float[] x, int rowStart, int width, int ox, int n, int stride, int shift,
                                   float[] dst, int to) {
        // first and last t whose ix lies inside the row (no division for the usual stride 1)
        int first = Math.max(0, Math.min(n, (stride == 1 ? -shift : ceilDiv(-shift, stride)) - ox));
        int last = Math.max(first, Math.min(n, (stride == 1 ? width - shift : ceilDiv(width - shift, stride)) - ox));
        for (int t = 0; t < first; t++) { // padding: usually one or two elements, cheaper than Arrays.fill
            dst[to + t] = 0f;
        }
        if (stride == 1) {
            System.arraycopy(x, rowStart + ox + first + shift, dst, to + first, last - first);
        } else {
            for (int t = first; t < last; t++) {
                dst[to + t] = x[rowStart + (ox + t) * stride + shift];
            }
        }
        for (int t = last; t < n; t++) {
            dst[to + t] = 0f;
        }
    }

    /** {@code ceil(a / b)} for {@code b > 0} and any sign of {@code a}. */
    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** The im2col rows of one channel of one sample: {@code kh * kw} rows of {@code colColumns}. */
    static void im2colChannel(Conv2dGeometry g, float[] x, int sample, int channel, float[] col, int colSample) {
        int rowsPerChannel = g.kernelHeight() * g.kernelWidth();
        int columns = g.colColumns();
        for (int r = channel * rowsPerChannel; r < (channel + 1) * rowsPerChannel; r++) {
            colRow(g, x, sample, r, 0, columns, col, colSample + r * columns);
        }
    }

    /**
     * Overwrites the plane of one channel of one sample with the sum of the im2col entries that
     * read each of its elements, in the order kernel row, kernel column, output row, output column.
     */
    static void col2imChannel(Conv2dGeometry g, float[] col, int colSample, int channel, float[] x, int sample) {
        int h = g.height();
        int w = g.width();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int plane = sample + channel * h * w;
        Arrays.fill(x, plane, plane + h * w, 0f);
        for (int ki = 0; ki < g.kernelHeight(); ki++) {
            for (int kj = 0; kj < g.kernelWidth(); kj++) {
                int row = colSample + ((channel * g.kernelHeight() + ki) * g.kernelWidth() + kj) * g.colColumns();
                int shift = kj - g.padWidth();
                int first = Math.max(0, ceilDiv(-shift, g.strideWidth()));
                int last = Math.min(ow, ceilDiv(w - shift, g.strideWidth()));
                for (int oy = 0; oy < oh; oy++) {
                    int iy = oy * g.strideHeight() - g.padHeight() + ki;
                    if (iy < 0 || iy >= h) {
                        continue;
                    }
                    int src = row + oy * ow;
                    int dst = plane + iy * w + shift;
                    for (int ox = first; ox < last; ox++) {
                        x[dst + ox * g.strideWidth()] += col[src + ox];
                    }
                }
            }
        }
    }
}

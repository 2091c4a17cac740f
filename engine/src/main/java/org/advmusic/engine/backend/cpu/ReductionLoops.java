package org.advmusic.engine.backend.cpu;

import org.advmusic.engine.ReduceOp;

/**
 * The loops of {@link org.advmusic.engine.Backend#reduce} on float arrays viewed as
 * {@code (outer, n, inner)}, in double precision for sums. The order of the additions is fixed by
 * the shape alone: a contiguous row is summed in blocks of {@value #SUM_BLOCK} elements (four
 * interleaved partial sums each) whose sums are then added in order, and a strided reduction runs
 * over {@code j = 0 .. n-1} in order. Callers parallelise over output elements or, for long rows,
 * over blocks ({@link #rowBlockSum}), so results never depend on the thread count.
 */
final class ReductionLoops {
    /** Elements per block of a row sum. */
    static final int SUM_BLOCK = 1 << 14;
    /** Columns of the {@code inner > 1} case accumulated together. */
    private static final int COLUMN_CHUNK = 512;

    private ReductionLoops() {
    }

    /** Reduces the contiguous rows {@code [rowStart, rowEnd)} of {@code x (rows, n)} into {@code out[row]}. */
    static void rows(ReduceOp op, float[] x, int n, float[] out, int rowStart, int rowEnd) {
        for (int row = rowStart; row < rowEnd; row++) {
            int base = row * n;
            out[row] = switch (op) {
                case SUM -> (float) sum(x, base, n);
                case MAX -> max(x, base, n);
                case MIN -> min(x, base, n);
                case ARGMAX -> argmax(x, base, n);
            };
        }
    }

    /** Sum of {@code x[base .. base + n)}: the sums of its blocks of {@value #SUM_BLOCK}, added in order. */
    static double sum(float[] x, int base, int n) {
        double total = 0;
        for (int start = 0; start < n; start += SUM_BLOCK) {
            total += blockSum(x, base + start, Math.min(SUM_BLOCK, n - start));
        }
        return total;
    }

    /** The sum of block {@code block} of row {@code row} of {@code x (rows, n)}, one of the terms of {@link #sum}. */
    static double rowBlockSum(float[] x, int n, int row, int block) {
        int start = block * SUM_BLOCK;
        return blockSum(x, row * n + start, Math.min(SUM_BLOCK, n - start));
    }

    /** Sum of {@code x[base .. base + n)} in double, with four interleaved partial sums. */
    private static double blockSum(float[] x, int base, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += x[base + j];
            s1 += x[base + j + 1];
            s2 += x[base + j + 2];
            s3 += x[base + j + 3];
        }
        for (; j < n; j++) {
            s0 += x[base + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static float max(float[] x, int base, int n) {
        float m = x[base];
        for (int j = 1; j < n; j++) {
            m = Math.max(m, x[base + j]); // NaN propagates
        }
        return m;
    }

    private static float min(float[] x, int base, int n) {
        float m = x[base];
        for (int j = 1; j < n; j++) {
            m = Math.min(m, x[base + j]);
        }
        return m;
    }

    /** Index of the first largest element (0 when the first element is NaN), as a float. */
    private static float argmax(float[] x, int base, int n) {
        float best = x[base];
        int index = 0;
        for (int j = 1; j < n; j++) {
            if (x[base + j] > best) {
                best = x[base + j];
                index = j;
            }
        }
        return index;
    }

    /**
     * Reduces the middle axis of {@code x (outer, n, inner)} for one outer index and the columns
     * {@code [k0, k1)} of the inner axis, into {@code out[i * inner + k]}, walking x row by row.
     */
    static void columns(ReduceOp op, float[] x, int n, int inner, int i, int k0, int k1, float[] out) {
        for (int c0 = k0; c0 < k1; c0 += COLUMN_CHUNK) {
            int width = Math.min(COLUMN_CHUNK, k1 - c0);
            int first = i * n * inner + c0;
            if (op == ReduceOp.SUM) {
                double[] acc = new double[width];
                for (int j = 0; j < n; j++) {
                    int row = first + j * inner;
                    for (int k = 0; k < width; k++) {
                        acc[k] += x[row + k];
                    }
                }
                for (int k = 0; k < width; k++) {
                    out[i * inner + c0 + k] = (float) acc[k];
                }
            } else {
                extremes(op, x, n, inner, first, width, out, i * inner + c0);
            }
        }
    }

    /** MAX, MIN or ARGMAX over j of {@code x[first + j * inner + k]} for {@code k < width}. */
    private static void extremes(ReduceOp op, float[] x, int n, int inner, int first, int width, float[] out, int o) {
        float[] best = new float[width];
        int[] index = new int[width];
        System.arraycopy(x, first, best, 0, width);
        for (int j = 1; j < n; j++) {
            int row = first + j * inner;
            for (int k = 0; k < width; k++) {
                float v = x[row + k];
                switch (op) {
                    case MAX -> best[k] = Math.max(best[k], v);
                    case MIN -> best[k] = Math.min(best[k], v);
                    default -> {
                        if (v > best[k]) {
                            best[k] = v;
                            index[k] = j;
                        }
                    }
                }
            }
        }
        for (int k = 0; k < width; k++) {
            out[o + k] = op == ReduceOp.ARGMAX ? index[k] : best[k];
        }
    }

    /**
     * Mean and biased variance of channel {@code c} of {@code x (batch, channels, spatial)} over the
     * batch and spatial axes, in two passes with double sums.
     */
    static void channelMeanAndVariance(float[] x, int batch, int channels, int spatial, int c, float[] mean,
                                       float[] variance) {
        double sum = 0;
        for (int n = 0; n < batch; n++) {
            sum += sum(x, (n * channels + c) * spatial, spatial);
        }
        double count = (double) batch * spatial;
        double mu = sum / count;
        double squares = 0;
        for (int n = 0; n < batch; n++) {
            squares += squaredDeviations(x, (n * channels + c) * spatial, spatial, mu);
        }
        mean[c] = (float) mu;
        variance[c] = (float) (squares / count);
    }

    /** Sum of {@code (x[i] - mu)^2} over {@code x[base .. base + n)} in double, with four interleaved partial sums. */
    private static double squaredDeviations(float[] x, int base, int n, double mu) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = base;
        int end = base + n;
        for (; j + 3 < end; j += 4) {
            double d0 = x[j] - mu;
            double d1 = x[j + 1] - mu;
            double d2 = x[j + 2] - mu;
            double d3 = x[j + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < end; j++) {
            double d = x[j] - mu;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }
}

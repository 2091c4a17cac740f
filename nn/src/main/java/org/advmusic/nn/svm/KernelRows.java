package org.advmusic.nn.svm;

import java.util.stream.IntStream;

/**
 * The RBF kernel {@code K[a][b] = exp(-gamma ||x_a - x_b||^2)} over one point set, shared by every
 * two-class problem built on subsets of it: the one-vs-one pairs of a fit, and in a randomized search
 * every candidate and fold with the same gamma. Values are computed with libsvm's formula
 * {@code exp(-gamma (|a|^2 + |b|^2 - 2 a.b))} in double, the dot product summed in feature order, and
 * rounded to float, so they are bit for bit the values of the one-by-one reference {@link #value}.
 *
 * <p>When the whole N x N float matrix fits in the memory budget it is computed once, up front, on the
 * given threads: the lower triangle (the exponential dominates the cost, and {@code K[a][b]} is bit
 * for bit {@code K[b][a]}) in blocks that keep the points in cache, the dot products vectorised across
 * points, then mirrored. Otherwise nothing is stored and each request computes its entries one by one.
 */
final class KernelRows {
    /** Points per block of dot products (their features stay in the second-level cache across rows). */
    private static final int BLOCK = 512;
    /** Rows per parallel task. */
    private static final int ROWS_PER_TASK = 32;

    private final double[][] points;
    private final double[] squaredNorms;
    private final double gamma;
    /**
     * (N, N) the kernel as float, row-major in one array (allocated once outside the young generation,
     * never copied by the collector); null when it does not fit the budget.
     */
    private final float[] matrix;

    /**
     * @param points      (N, F) the point set; not modified, and not to be modified while in use
     * @param gamma       the RBF coefficient
     * @param budgetBytes memory for the stored matrix: it is computed only when all N x N floats fit
     * @param threads     threads computing the stored matrix
     */
    KernelRows(double[][] points, double gamma, long budgetBytes, int threads) {
        this.points = points;
        this.gamma = gamma;
        int n = points.length;
        squaredNorms = new double[n];
        for (int a = 0; a < n; a++) {
            squaredNorms[a] = dot(points[a], points[a]);
        }
        boolean fits = (long) n * n <= Integer.MAX_VALUE - 8 && (long) n * n * Float.BYTES <= budgetBytes;
        matrix = fits ? computeAll(threads) : null;
    }

    /** The default budget: a quarter of the maximum heap, at most 1 GiB. */
    static long defaultBudget() {
        return Math.min(Runtime.getRuntime().maxMemory() / 4, 1L << 30);
    }

    /** The point set's {@code a}-th point (F). */
    double[] point(int a) {
        return points[a];
    }

    /** The RBF coefficient. */
    double gamma() {
        return gamma;
    }

    /** {@code K[a][a]} in double. */
    double diagonal(int a) {
        return value(a, a);
    }

    /**
     * Writes {@code out[j] = (float) (signA signs[j] K[a][points[j]])} for {@code j} in {@code [from, to)}.
     *
     * @param a      the column's point
     * @param signA  +1 or -1, the sign of point {@code a}
     * @param points (l) the problem's points (indices into this set)
     * @param signs  (l) their signs
     * @param out    (l) the problem's column; positions {@code [from, to)} are written
     */
    void fill(int a, int signA, int[] points, byte[] signs, int from, int to, float[] out) {
        if (matrix != null) {
            int row = a * this.points.length;
            for (int j = from; j < to; j++) {
                out[j] = matrix[row + points[j]] * (signA * signs[j]); // exact: a product with +1 or -1
            }
        } else {
            for (int j = from; j < to; j++) {
                out[j] = (float) (signA * signs[j] * value(a, points[j]));
            }
        }
    }

    /** {@code K[a][b]} in double: the reference formula of every entry. */
    double value(int a, int b) {
        return Math.exp(-gamma * (squaredNorms[a] + squaredNorms[b] - 2 * dot(points[a], points[b])));
    }

    private float[] computeAll(int threads) {
        int n = points.length;
        float[] out = new float[n * n];
        int tasks = (n + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        Pools.run(threads, "RBF kernel matrix", () -> {
            IntStream.range(0, tasks).parallel().forEach(t ->
                    lowerTriangle(out, t * ROWS_PER_TASK, Math.min(n, (t + 1) * ROWS_PER_TASK)));
            return null;
        });
        Pools.run(threads, "RBF kernel matrix", () -> {
            IntStream.range(0, tasks).parallel().forEach(t ->
                    mirror(out, n, t * ROWS_PER_TASK, Math.min(n, (t + 1) * ROWS_PER_TASK)));
            return null;
        });
        return out;
    }

    /**
     * Entries {@code b <= a} of rows {@code [from, to)}. The dot products are summed in feature order
     * like {@link #dot}'s, for a block of points at a time, which the JIT vectorises across points.
     */
    private void lowerTriangle(float[] out, int from, int to) {
        int features = points[0].length;
        double[][] featureMajor = new double[features][]; // (F, BLOCK) the block's points feature by feature
        for (int f = 0; f < features; f++) {
            featureMajor[f] = new double[BLOCK];
        }
        double[] dots = new double[BLOCK];
        for (int start = 0; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            for (int b = start; b < end; b++) {
                for (int f = 0; f < features; f++) {
                    featureMajor[f][b - start] = points[b][f];
                }
            }
            for (int a = Math.max(from, start); a < to; a++) {
                int count = Math.min(end, a + 1) - start;
                double[] x = points[a];
                java.util.Arrays.fill(dots, 0, count, 0.0);
                for (int f = 0; f < features; f++) {
                    addScaled(dots, x[f], featureMajor[f], count);
                }
                double na = squaredNorms[a];
                int row = a * points.length + start;
                for (int b = 0; b < count; b++) {
                    out[row + b] = (float) Math.exp(-gamma * (na + squaredNorms[start + b] - 2 * dots[b]));
                }
            }
        }
    }

    /**
     * {@code target[b] += scale * values[b]} for {@code b < count}, element by element (no fused
     * multiply-add: the same rounding as {@link #dot}). Both arrays are indexed alike, which lets the
     * JIT vectorise the loop.
     */
    private static void addScaled(double[] target, double scale, double[] values, int count) {
        for (int b = 0; b < count; b++) {
            target[b] += scale * values[b];
        }
    }

    /** Entries {@code b > a} of rows {@code [from, to)}, copied from the lower triangle in tiles. */
    private static void mirror(float[] out, int n, int from, int to) {
        for (int start = from; start < n; start += ROWS_PER_TASK) {
            int end = Math.min(n, start + ROWS_PER_TASK);
            for (int a = from; a < to; a++) {
                for (int b = Math.max(start, a + 1); b < end; b++) {
                    out[a * n + b] = out[b * n + a];
                }
            }
        }
    }

    /** {@code sum_k a[k] b[k]}, summed in order. */
    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}

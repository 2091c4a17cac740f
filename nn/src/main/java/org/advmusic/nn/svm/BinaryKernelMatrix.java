package org.advmusic.nn.svm;

/**
 * The matrix {@code Q[i][j] = y_i y_j K(x_i, x_j)} of a two-class C-SVC problem with the RBF kernel
 * {@code K(a, b) = exp(-gamma ||a - b||^2)}, assembled column by column on demand from a shared
 * {@link KernelRows} and kept in a {@link KernelCache}. Values are stored as float, as libsvm does;
 * the kernel itself is evaluated in double as {@code exp(-gamma (|a|^2 + |b|^2 - 2 a.b))}, libsvm's
 * formula, so that both compute the same numbers. The solver reorders positions ({@link #swap}) while
 * it shrinks the problem.
 */
final class BinaryKernelMatrix {
    private final KernelRows kernel;
    private final int[] points;
    private final byte[] signs;
    private final double[] diagonal;
    private final KernelCache cache;

    /**
     * @param kernel     the kernel over a point set that holds the problem's points
     * @param points     (l) the problem's points, indices into {@code kernel}'s set; reordered by swaps
     * @param signs      (l) +1 or -1 per point; reordered by swaps
     * @param cacheBytes memory for cached columns
     */
    BinaryKernelMatrix(KernelRows kernel, int[] points, byte[] signs, long cacheBytes) {
        this.kernel = kernel;
        this.points = points;
        this.signs = signs;
        int l = points.length;
        diagonal = new double[l];
        for (int i = 0; i < l; i++) {
            diagonal[i] = kernel.diagonal(points[i]);
        }
        cache = new KernelCache(l, cacheBytes);
    }

    /** Column {@code i} of Q, valid on positions {@code [0, length)}. */
    float[] column(int i, int length) {
        int start = cache.request(i, length);
        float[] column = cache.column(i);
        if (start < length) {
            kernel.fill(points[i], signs[i], points, signs, start, length, column);
        }
        return column;
    }

    /** The diagonal {@code Q[i][i]} (= 1 for RBF), reordered with the problem. */
    double[] diagonal() {
        return diagonal;
    }

    /** Exchanges positions {@code i} and {@code j} of the problem. */
    void swap(int i, int j) {
        cache.swap(i, j);
        int p = points[i];
        points[i] = points[j];
        points[j] = p;
        byte s = signs[i];
        signs[i] = signs[j];
        signs[j] = s;
        double t = diagonal[i];
        diagonal[i] = diagonal[j];
        diagonal[j] = t;
    }
}

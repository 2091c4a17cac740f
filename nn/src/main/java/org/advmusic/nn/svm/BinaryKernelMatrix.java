package org.advmusic.nn.svm;

/**
 * The matrix {@code Q[i][j] = y_i y_j K(x_i, x_j)} of a two-class C-SVC problem with the RBF kernel
 * {@code K(a, b) = exp(-gamma ||a - b||^2)}, computed column by column on demand and kept in a
 * {@link KernelCache}. Values are stored as float, as libsvm does; the kernel itself is evaluated in
 * double as {@code exp(-gamma (|a|^2 + |b|^2 - 2 a.b))}, libsvm's formula, so that both compute the
 * same numbers. The solver reorders positions ({@link #swap}) while it shrinks the problem.
 */
final class BinaryKernelMatrix {
    private final double[][] rows;
    private final double[] squaredNorms;
    private final byte[] signs;
    private final double[] diagonal;
    private final double gamma;
    private final KernelCache cache;

    /**
     * @param rows        (l, F) the problem's points; the array (not the rows) is reordered by swaps
     * @param signs       (l) +1 or -1 per point; reordered by swaps
     * @param gamma       the RBF coefficient
     * @param cacheBytes  memory for cached columns
     */
    BinaryKernelMatrix(double[][] rows, byte[] signs, double gamma, long cacheBytes) {
        this.rows = rows;
        this.signs = signs;
        this.gamma = gamma;
        int l = rows.length;
        squaredNorms = new double[l];
        diagonal = new double[l];
        for (int i = 0; i < l; i++) {
            squaredNorms[i] = dot(rows[i], rows[i]);
        }
        for (int i = 0; i < l; i++) {
            diagonal[i] = kernel(i, i);
        }
        cache = new KernelCache(l, cacheBytes);
    }

    /** Column {@code i} of Q, valid on positions {@code [0, length)}. */
    float[] column(int i, int length) {
        int start = cache.request(i, length);
        float[] column = cache.column(i);
        if (start < length) {
            double[] xi = rows[i];
            double ni = squaredNorms[i];
            int yi = signs[i];
            for (int j = start; j < length; j++) {
                double k = Math.exp(-gamma * (ni + squaredNorms[j] - 2 * dot(xi, rows[j])));
                column[j] = (float) (yi * signs[j] * k);
            }
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
        double[] row = rows[i];
        rows[i] = rows[j];
        rows[j] = row;
        double t = squaredNorms[i];
        squaredNorms[i] = squaredNorms[j];
        squaredNorms[j] = t;
        byte s = signs[i];
        signs[i] = signs[j];
        signs[j] = s;
        t = diagonal[i];
        diagonal[i] = diagonal[j];
        diagonal[j] = t;
    }

    private double kernel(int i, int j) {
        return Math.exp(-gamma * (squaredNorms[i] + squaredNorms[j] - 2 * dot(rows[i], rows[j])));
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}

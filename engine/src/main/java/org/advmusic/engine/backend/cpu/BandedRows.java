package org.advmusic.engine.backend.cpu;

/**
 * A dense {@code (rows, columns)} matrix multiplied through the band of each row between its first and
 * last non-zero entry: the same products as the dense matrix (the skipped entries are zeros), at the
 * cost of the bands only. A Slaney mel filterbank of 128 x 1025 has about 2,000 entries in its bands.
 * Immutable once built; threads share it.
 */
final class BandedRows {
    private final float[] matrix;
    private final int rows;
    private final int columns;
    private final int[] first;
    private final int[] end;

    /** @param matrix (rows, columns) row-major, read (not copied) by the products */
    BandedRows(float[] matrix, int rows, int columns) {
        CpuBackend.checkLength("banded rows", matrix.length, rows * columns);
        this.matrix = matrix;
        this.rows = rows;
        this.columns = columns;
        this.first = new int[rows];
        this.end = new int[rows];
        for (int r = 0; r < rows; r++) {
            int start = r * columns;
            int lo = 0;
            while (lo < columns && matrix[start + lo] == 0f) {
                lo++;
            }
            int hi = columns;
            while (hi > lo && matrix[start + hi - 1] == 0f) {
                hi--;
            }
            first[r] = lo;
            end[r] = hi;
        }
    }

    int rows() {
        return rows;
    }

    /**
     * {@code out[outOffset + r outStride] = sum_c M[r, c] v[c]} for every row r: (columns) -> (rows),
     * written with a stride; overwrites those entries of {@code out}.
     */
    void multiply(float[] v, float[] out, int outOffset, int outStride) {
        for (int r = 0; r < rows; r++) {
            int row = r * columns;
            // four partial sums (columns c = first + 4i + lane), added in a fixed order: no chain of dependent adds
            float sum0 = 0f;
            float sum1 = 0f;
            float sum2 = 0f;
            float sum3 = 0f;
            int c = first[r];
            for (; c + 3 < end[r]; c += 4) {
                sum0 += matrix[row + c] * v[c];
                sum1 += matrix[row + c + 1] * v[c + 1];
                sum2 += matrix[row + c + 2] * v[c + 2];
                sum3 += matrix[row + c + 3] * v[c + 3];
            }
            for (; c < end[r]; c++) {
                sum0 += matrix[row + c] * v[c];
            }
            out[outOffset + r * outStride] = (sum0 + sum1) + (sum2 + sum3);
        }
    }

    /**
     * The transpose: {@code out[c] = sum_r M[r, c] g[gOffset + r gStride]}, rows added in order:
     * (rows) read with a stride -> (columns); overwrites {@code out}.
     *
     * @return false when every {@code g} read is zero (then {@code out} is all zeros)
     */
    boolean multiplyTransposed(float[] g, int gOffset, int gStride, float[] out) {
        java.util.Arrays.fill(out, 0, columns, 0f);
        boolean any = false;
        for (int r = 0; r < rows; r++) {
            float gradient = g[gOffset + r * gStride];
            if (gradient == 0f) {
                continue; // adds exact zeros (the input is finite)
            }
            any = true;
            int row = r * columns;
            for (int c = first[r]; c < end[r]; c++) {
                out[c] += matrix[row + c] * gradient;
            }
        }
        return any;
    }
}

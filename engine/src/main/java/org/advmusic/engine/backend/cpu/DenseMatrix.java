package org.advmusic.engine.backend.cpu;

/**
 * A row-major matrix stored in a float array, read as itself or as its transpose: the logical
 * matrix is {@code rows x columns}; stored row-major at {@code offset} when not transposed, and
 * stored {@code columns x rows} (so that element {@code (r, c)} is at {@code offset + c * rows + r})
 * when transposed.
 */
record DenseMatrix(float[] data, int offset, int rows, int columns, boolean transposed) implements PackingSource {

    /** Rows of a matrix stored row-major are contiguous; those of a transposed one are strided. */
    @Override
    public boolean readsRows() {
        return !transposed;
    }

    @Override
    public void copyRow(int row, int col0, int count, float[] dst, int dstOffset) {
        if (transposed) {
            for (int c = 0; c < count; c++) {
                dst[dstOffset + c] = data[offset + (col0 + c) * rows + row];
            }
        } else {
            System.arraycopy(data, offset + row * columns + col0, dst, dstOffset, count);
        }
    }

    @Override
    public void packColumnStrips(int row0, int rowCount, int col0, int columnCount, int width, float[] dst) {
        if (transposed) {
            stridedStrips(data, offset, rows, col0, columnCount, row0, rowCount, width, dst);
        } else {
            contiguousStrips(data, offset, columns, row0, rowCount, col0, columnCount, width, dst);
        }
    }

    @Override
    public void packRowStrips(int row0, int rowCount, int col0, int columnCount, int height, float[] dst) {
        if (transposed) {
            contiguousStrips(data, offset, rows, col0, columnCount, row0, rowCount, height, dst);
        } else {
            stridedStrips(data, offset, columns, row0, rowCount, col0, columnCount, height, dst);
        }
    }

    /**
     * Strips across the stored rows: {@code dst[(s * count + i) * width + j] = S(first + i, from + s * width + j)}
     * for the stored matrix S with row length {@code ld}; each stored row is read contiguously.
     */
    private static void contiguousStrips(float[] s, int offset, int ld, int first, int count, int from, int length,
                                         int width, float[] dst) {
        int strips = (length + width - 1) / width;
        for (int i = 0; i < count; i++) {
            int src = offset + (first + i) * ld + from;
            for (int strip = 0; strip < strips; strip++) {
                int d = (strip * count + i) * width;
                int n = Math.min(width, length - strip * width);
                System.arraycopy(s, src + strip * width, dst, d, n);
                for (int j = n; j < width; j++) {
                    dst[d + j] = 0f;
                }
            }
        }
    }

    /**
     * Strips along the stored rows: {@code dst[(s * length + j) * width + i] = S(first + s * width + i, from + j)};
     * each stored row is read contiguously and written with stride {@code width}.
     */
    private static void stridedStrips(float[] s, int offset, int ld, int first, int count, int from, int length,
                                      int width, float[] dst) {
        int strips = (count + width - 1) / width;
        for (int strip = 0; strip < strips; strip++) {
            int base = strip * length * width;
            if (width == 6 && (strip + 1) * 6 <= count) { // a full strip of the vector kernel's six rows
                sixRows(s, offset + (first + strip * 6) * ld + from, ld, length, dst, base);
                continue;
            }
            for (int i = 0; i < width; i++) {
                int row = strip * width + i;
                if (row < count) {
                    int src = offset + (first + row) * ld + from;
                    for (int j = 0; j < length; j++) {
                        dst[base + j * width + i] = s[src + j];
                    }
                } else {
                    for (int j = 0; j < length; j++) {
                        dst[base + j * width + i] = 0f;
                    }
                }
            }
        }
    }

    /** Six stored rows of {@code length} from {@code src} (row length {@code ld}), interleaved column by column. */
    private static void sixRows(float[] s, int src, int ld, int length, float[] dst, int d) {
        for (int j = 0; j < length; j++, d += 6) {
            dst[d] = s[src + j];
            dst[d + 1] = s[src + ld + j];
            dst[d + 2] = s[src + 2 * ld + j];
            dst[d + 3] = s[src + 3 * ld + j];
            dst[d + 4] = s[src + 4 * ld + j];
            dst[d + 5] = s[src + 5 * ld + j];
        }
    }
}

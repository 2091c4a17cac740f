package org.advmusic.engine.backend.cpu;

/**
 * A {@code rows x columns} matrix stored the way a GEMM kernel packs its left operand: strips of
 * {@code height} rows, each interleaved column by column, element {@code (r, c)} at
 * {@code offset + ((r / height) * columns + c) * height + r % height}; the rows that pad the last strip
 * hold zeros. A kernel with that tile height packs it with one contiguous copy per strip, so a left
 * operand used for many products (Winograd's transformed kernels) is interleaved once, not every time.
 */
record RowStripMatrix(float[] data, int offset, int rows, int columns, int height) implements PackingSource {

    /** Floats a matrix of this shape occupies: the rows rounded up to whole strips, times the columns. */
    static int storedSize(int rows, int columns, int height) {
        return (rows + height - 1) / height * height * columns;
    }

    /** Index of element {@code (r, c)} in {@link #data}. */
    static int index(int offset, int columns, int height, int r, int c) {
        return offset + ((r / height) * columns + c) * height + r % height;
    }

    private float get(int r, int c) {
        return data[index(offset, columns, height, r, c)];
    }

    @Override
    public boolean readsRows() {
        return false;
    }

    @Override
    public void copyRow(int row, int col0, int count, float[] dst, int dstOffset) {
        for (int c = 0; c < count; c++) {
            dst[dstOffset + c] = get(row, col0 + c);
        }
    }

    @Override
    public void packColumnStrips(int row0, int rowCount, int col0, int columnCount, int width, float[] dst) {
        int strips = (columnCount + width - 1) / width;
        for (int s = 0; s < strips; s++) {
            for (int r = 0; r < rowCount; r++) {
                for (int j = 0; j < width; j++) {
                    int c = s * width + j;
                    dst[(s * rowCount + r) * width + j] = c < columnCount ? get(row0 + r, col0 + c) : 0f;
                }
            }
        }
    }

    /** One copy per strip when the request is aligned to this matrix's strips, else element by element. */
    @Override
    public void packRowStrips(int row0, int rowCount, int col0, int columnCount, int height, float[] dst) {
        int strips = (rowCount + height - 1) / height;
        boolean aligned = height == this.height && row0 % height == 0
                && (rowCount % height == 0 || row0 + rowCount == rows);
        for (int s = 0; s < strips; s++) {
            int d = s * columnCount * height;
            if (aligned) {
                System.arraycopy(data, index(offset, columns, height, row0 + s * height, col0), dst, d,
                        columnCount * height);
                continue;
            }
            for (int c = 0; c < columnCount; c++) {
                for (int i = 0; i < height; i++) {
                    int r = s * height + i;
                    dst[d++] = r < rowCount ? get(row0 + r, col0 + c) : 0f;
                }
            }
        }
    }
}

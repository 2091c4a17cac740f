package org.advmusic.engine.backend.cpu;

import java.util.Arrays;

import org.advmusic.engine.Conv2dGeometry;

/**
 * The im2col matrix of one convolution input sample, {@code (colRows, colColumns)} (see
 * {@link Conv2dGeometry}), computed on the fly while a GEMM kernel packs it, so a convolution never
 * writes and re-reads the unfolded matrix.
 */
record Im2colMatrix(Conv2dGeometry geometry, float[] x, int sampleOffset) implements PackingSource {
    private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[1][0]);

    @Override
    public boolean readsRows() {
        return true;
    }

    @Override
    public void copyRow(int row, int col0, int count, float[] dst, int dstOffset) {
        ConvolutionLoops.colRow(geometry, x, sampleOffset, row, col0, count, dst, dstOffset);
    }

    @Override
    public void packColumnStrips(int row0, int rowCount, int col0, int columnCount, int width, float[] dst) {
        float[] row = rowBuffer(columnCount);
        int strips = (columnCount + width - 1) / width;
        for (int r = 0; r < rowCount; r++) {
            copyRow(row0 + r, col0, columnCount, row, 0);
            for (int s = 0; s < strips; s++) {
                int d = (s * rowCount + r) * width;
                int n = Math.min(width, columnCount - s * width);
                System.arraycopy(row, s * width, dst, d, n);
                for (int j = n; j < width; j++) {
                    dst[d + j] = 0f;
                }
            }
        }
    }

    /**
     * Each strip's rows are unfolded into the scratch one after another, then interleaved column by
     * column so that the packed strip is written sequentially; strips of the vector kernel's six rows take
     * an unrolled loop (this packing is most of the cost of a weight gradient with few channels).
     */
    @Override
    public void packRowStrips(int row0, int rowCount, int col0, int columnCount, int height, float[] dst) {
        float[] rows = rowBuffer(height * columnCount);
        int strips = (rowCount + height - 1) / height;
        for (int s = 0; s < strips; s++) {
            int filled = Math.min(height, rowCount - s * height);
            for (int i = 0; i < filled; i++) {
                copyRow(row0 + s * height + i, col0, columnCount, rows, i * columnCount);
            }
            Arrays.fill(rows, filled * columnCount, height * columnCount, 0f);
            int d = s * columnCount * height;
            if (height == 6) {
                int r1 = columnCount;
                int r2 = 2 * columnCount;
                int r3 = 3 * columnCount;
                int r4 = 4 * columnCount;
                int r5 = 5 * columnCount;
                for (int c = 0; c < columnCount; c++, d += 6) {
                    dst[d] = rows[c];
                    dst[d + 1] = rows[r1 + c];
                    dst[d + 2] = rows[r2 + c];
                    dst[d + 3] = rows[r3 + c];
                    dst[d + 4] = rows[r4 + c];
                    dst[d + 5] = rows[r5 + c];
                }
            } else {
                for (int c = 0; c < columnCount; c++) {
                    for (int i = 0; i < height; i++) {
                        dst[d++] = rows[i * columnCount + c];
                    }
                }
            }
        }
    }

    /** This thread's scratch row of at least {@code length} floats. */
    private static float[] rowBuffer(int length) {
        float[][] holder = ROW.get();
        if (holder[0].length < length) {
            holder[0] = new float[length];
        }
        return holder[0];
    }
}

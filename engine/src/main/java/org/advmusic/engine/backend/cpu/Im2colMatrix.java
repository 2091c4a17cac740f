package org.advmusic.engine.backend.cpu;

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

    @Override
    public void packRowStrips(int row0, int rowCount, int col0, int columnCount, int height, float[] dst) {
        float[] row = rowBuffer(columnCount);
        int strips = (rowCount + height - 1) / height;
        for (int s = 0; s < strips; s++) {
            int base = s * columnCount * height;
            for (int i = 0; i < height; i++) {
                int r = s * height + i;
                if (r < rowCount) {
                    copyRow(row0 + r, col0, columnCount, row, 0);
                }
                for (int c = 0; c < columnCount; c++) {
                    dst[base + c * height + i] = r < rowCount ? row[c] : 0f;
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

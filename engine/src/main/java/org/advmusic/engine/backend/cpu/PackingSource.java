package org.advmusic.engine.backend.cpu;

/**
 * A logical {@code rows x columns} float matrix as seen by the GEMM kernels, which copy blocks of
 * it into their packed layouts. Implemented by a stored matrix ({@link DenseMatrix}, possibly
 * transposed) and by the unfolded input of a convolution ({@link Im2colMatrix}), so a convolution
 * can be packed straight from its input without materialising the im2col matrix, and by Winograd's
 * transformed kernels stored in the packed layout ({@link RowStripMatrix}). The kernels call these
 * methods through {@link PackingDispatch}, one direct call per kind, never through this interface.
 */
sealed interface PackingSource permits DenseMatrix, Im2colMatrix, RowStripMatrix {

    /**
     * Whether {@link #copyRow} is cheap: rows are stored contiguously or computed row by row, so a
     * kernel may build its packed layout from whole rows.
     */
    boolean readsRows();

    /** {@code dst[dstOffset + c] = M(row, col0 + c)} for {@code c < count}. */
    void copyRow(int row, int col0, int count, float[] dst, int dstOffset);

    /**
     * Copies the block of rows {@code [row0, row0 + rowCount)} and columns
     * {@code [col0, col0 + columnCount)} into vertical strips {@code width} columns wide:
     * {@code dst[(s * rowCount + r) * width + c] = M(row0 + r, col0 + s * width + c)}, for
     * {@code s < ceil(columnCount / width)}; positions past the last column are set to zero.
     */
    void packColumnStrips(int row0, int rowCount, int col0, int columnCount, int width, float[] dst);

    /**
     * Copies the same kind of block into horizontal strips {@code height} rows high, interleaved by
     * column: {@code dst[(s * columnCount + c) * height + r] = M(row0 + s * height + r, col0 + c)},
     * for {@code s < ceil(rowCount / height)}; positions past the last row are set to zero.
     */
    void packRowStrips(int row0, int rowCount, int col0, int columnCount, int height, float[] dst);
}

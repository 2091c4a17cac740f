package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.advmusic.engine.Conv2dGeometry;
import org.junit.jupiter.api.Test;

/**
 * The packed layouts of every {@link PackingSource} against their definitions, element by element,
 * for blocks with ragged edges: a stored matrix, its transpose, an im2col matrix (compared with
 * the matrix that {@link ConvolutionLoops} unfolds into memory), and a matrix stored in row strips.
 */
class PackingSourceTest {

    /** Element (r, c) of a logical matrix. */
    @FunctionalInterface
    interface Element {
        float at(int r, int c);
    }

    private static void checkBlocks(String name, PackingSource source, Element m, int rows, int columns) {
        checkBlocks(name, source, m, new int[][] {{0, rows, 0, columns, 16}, {1, rows - 2, 3, columns - 5, 6},
            {2, 1, 0, 1, 16}});
    }

    /** Each block is {row0, rowCount, col0, columnCount, strip width or height}. */
    private static void checkBlocks(String name, PackingSource source, Element m, int[][] blocks) {
        for (int[] b : blocks) {
            int row0 = b[0];
            int rowCount = b[1];
            int col0 = b[2];
            int columnCount = b[3];
            int w = b[4];
            int columnStrips = (columnCount + w - 1) / w;
            float[] expected = new float[columnStrips * rowCount * w];
            for (int s = 0; s < columnStrips; s++) {
                for (int r = 0; r < rowCount; r++) {
                    for (int c = 0; c < w; c++) {
                        int column = s * w + c;
                        expected[(s * rowCount + r) * w + c] =
                                column < columnCount ? m.at(row0 + r, col0 + column) : 0f;
                    }
                }
            }
            float[] actual = new float[expected.length];
            actual[0] = Float.NaN; // must be overwritten
            source.packColumnStrips(row0, rowCount, col0, columnCount, w, actual);
            assertArrayEquals(expected, actual, name + ": column strips of block " + java.util.Arrays.toString(b));

            int rowStrips = (rowCount + w - 1) / w;
            expected = new float[rowStrips * columnCount * w];
            for (int s = 0; s < rowStrips; s++) {
                for (int c = 0; c < columnCount; c++) {
                    for (int r = 0; r < w; r++) {
                        int row = s * w + r;
                        expected[(s * columnCount + c) * w + r] = row < rowCount ? m.at(row0 + row, col0 + c) : 0f;
                    }
                }
            }
            actual = new float[expected.length];
            source.packRowStrips(row0, rowCount, col0, columnCount, w, actual);
            assertArrayEquals(expected, actual, name + ": row strips of block " + java.util.Arrays.toString(b));

            float[] row = new float[columnCount];
            source.copyRow(row0 + rowCount - 1, col0, columnCount, row, 0);
            for (int c = 0; c < columnCount; c++) {
                assertEquals(m.at(row0 + rowCount - 1, col0 + c), row[c], name + ": copyRow, column " + c);
            }
        }
    }

    @Test
    void storedAndTransposedMatrices() {
        int rows = 23;
        int columns = 37;
        float[] data = CpuTesting.values(1, 5 + rows * columns);
        checkBlocks("row-major", new DenseMatrix(data, 5, rows, columns, false),
                (r, c) -> data[5 + r * columns + c], rows, columns);
        checkBlocks("transposed", new DenseMatrix(data, 5, rows, columns, true),
                (r, c) -> data[5 + c * rows + r], rows, columns);
    }

    @Test
    void im2colMatrixMatchesTheUnfoldedInput() {
        Conv2dGeometry g = new Conv2dGeometry(3, 9, 11, 3, 2, 2, 1, 1, 1);
        float[] x = CpuTesting.values(2, 7 + 2 * g.inputSize());
        int sample = 7 + g.inputSize();
        float[] col = new float[g.colRows() * g.colColumns()];
        for (int c = 0; c < g.channels(); c++) {
            ConvolutionLoops.im2colChannel(g, x, sample, c, col, 0);
        }
        checkBlocks("im2col", new Im2colMatrix(g, x, sample), (r, c) -> col[r * g.colColumns() + c], g.colRows(),
                g.colColumns());
    }

    @Test
    void rowStripMatrixPacksAlignedStripsByCopyAndOthersByElement() {
        int rows = 23;
        int columns = 37;
        int height = 6;
        float[] data = new float[4 + RowStripMatrix.storedSize(rows, columns, height)];
        float[] dense = CpuTesting.values(3, rows * columns);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                data[RowStripMatrix.index(4, columns, height, r, c)] = dense[r * columns + c];
            }
        }
        checkBlocks("row strips", new RowStripMatrix(data, 4, rows, columns, height),
                (r, c) -> dense[r * columns + c], new int[][] {
                    {0, rows, 0, columns, 6}, {6, 12, 5, 20, 6}, {12, 11, 0, columns, 6}, // aligned: copied
                    {0, rows, 0, columns, 16}, {1, rows - 2, 3, columns - 5, 6}, {6, 7, 2, 3, 6}, // element by element
                });
    }
}

package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.advmusic.engine.CounterRandom;
import org.junit.jupiter.api.Test;

/**
 * The row-major to column-major restatement given to cuBLAS, checked without a GPU: a textbook
 * column-major BLAS sgemm, called with the mapped arguments, must produce the row-major product.
 */
class ColumnMajorGemmTest {

    /** BLAS semantics: {@code C = op(X) op(Y)}, all column-major, {@code C} of {@code rows x columns}. */
    private static float[] blasColumnMajor(boolean transposeX, boolean transposeY, int rows, int columns, int depth,
                                           float[] x, int leadingX, float[] y, int leadingY, int leadingC) {
        float[] c = new float[leadingC * columns];
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < rows; i++) {
                double sum = 0;
                for (int p = 0; p < depth; p++) {
                    float xip = transposeX ? x[p + i * leadingX] : x[i + p * leadingX];
                    float ypj = transposeY ? y[j + p * leadingY] : y[p + j * leadingY];
                    sum += (double) xip * ypj;
                }
                c[i + j * leadingC] = (float) sum;
            }
        }
        return c;
    }

    /** The row-major product the backend promises. */
    private static float[] rowMajor(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[p * m + i] : a[i * k + p];
                    float bpj = transB ? b[j * k + p] : b[p * n + j];
                    sum += (double) aip * bpj;
                }
                c[i * n + j] = (float) sum;
            }
        }
        return c;
    }

    private static float[] random(long seed, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) (2 * CounterRandom.uniform(seed, i) - 1);
        }
        return v;
    }

    @Test
    void theMappedCallComputesTheRowMajorProductForEveryTransposeAndOddSizes() {
        int[][] sizes = {{1, 1, 1}, {7, 1, 33}, {1, 33, 7}, {33, 7, 1}, {5, 9, 13}, {16, 3, 8}};
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (int[] s : sizes) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    float[] a = random(m * 100L + k, m * k);
                    float[] b = random(n * 100L + k + 7, k * n);
                    ColumnMajorGemm cm = ColumnMajorGemm.ofRowMajor(transA, transB, m, n, k);
                    assertEquals(n, cm.leadingResult(), "C must be read back row-major");
                    float[] c = blasColumnMajor(cm.transposeFirst(), cm.transposeSecond(), cm.rows(), cm.columns(),
                            cm.depth(), b, cm.leadingFirst(), a, cm.leadingSecond(), cm.leadingResult());
                    assertArrayEquals(rowMajor(transA, transB, m, n, k, a, b), c,
                            "transA " + transA + ", transB " + transB + ", m n k " + m + " " + n + " " + k);
                }
            }
        }
    }

    @Test
    void leadingDimensionsStayPositiveForEmptyDepth() {
        ColumnMajorGemm cm = ColumnMajorGemm.ofRowMajor(true, true, 3, 4, 0);
        assertEquals(1, cm.leadingFirst());
        assertEquals(3, cm.leadingSecond());
    }
}

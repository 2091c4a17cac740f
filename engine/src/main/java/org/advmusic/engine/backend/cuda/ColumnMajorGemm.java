package org.advmusic.engine.backend.cuda;

/**
 * A row-major GEMM restated for a column-major library such as cuBLAS. The whole mapping lives here.
 *
 * <p>A row-major {@code r x c} matrix read as column-major is its transpose ({@code c x r}, leading
 * dimension {@code c}). So the row-major {@code C = op(A) op(B)} ({@code m x n}) is, column-major,
 * {@code C^T = op(B)^T op(A)^T} ({@code n x m}): the library multiplies B (first) by A (second):
 * <ul>
 *   <li>first = B: stored {@code k x n} row-major, it reads as {@code B^T} ({@code n x k}, leading
 *       dimension n), which is already {@code op(B)^T}, so no transpose; when {@code transB} it is
 *       stored {@code n x k} and reads as a {@code k x n} matrix that must be transposed (leading k);</li>
 *   <li>second = A: likewise no transpose with leading dimension k, or, when {@code transA},
 *       transposed with leading dimension m;</li>
 *   <li>result: {@code n x m} column-major with leading dimension n, which is C row-major.</li>
 * </ul>
 * Leading dimensions are at least 1, as BLAS requires even when a size is 0.
 *
 * @param transposeFirst  whether the library transposes its first operand (B)
 * @param transposeSecond whether the library transposes its second operand (A)
 * @param rows            rows of the column-major result: n
 * @param columns         columns of the column-major result: m
 * @param depth           the summed dimension: k
 * @param leadingFirst    leading dimension of B as the library sees it
 * @param leadingSecond   leading dimension of A as the library sees it
 * @param leadingResult   leading dimension of C as the library sees it
 */
record ColumnMajorGemm(boolean transposeFirst, boolean transposeSecond, int rows, int columns, int depth,
                       int leadingFirst, int leadingSecond, int leadingResult) {

    /** The column-major statement of the row-major {@code C (m x n) = op(A) (m x k) op(B) (k x n)}. */
    static ColumnMajorGemm ofRowMajor(boolean transA, boolean transB, int m, int n, int k) {
        return new ColumnMajorGemm(transB, transA, n, m, k,
                Math.max(1, transB ? k : n), Math.max(1, transA ? m : k), Math.max(1, n));
    }
}

package org.advmusic.engine.backend.cuda;

/**
 * One batched row-major GEMM in the terms of {@link org.advmusic.engine.Backend#gemm}: for
 * {@code t < batch}, {@code C_t (m x n) = alpha op(A_t) (m x k) op(B_t) (k x n) + beta C_t}, with
 * {@code A_t} at {@code a + t * strideA} elements, stored {@code m x k} or, when {@code transA},
 * {@code k x m} (likewise {@code B_t}: {@code k x n} or {@code n x k}), and {@code C_t} at
 * {@code c + t * strideC}. The sizes and the batch are at least 1; validated by the backend.
 */
record GemmCall(boolean transA, boolean transB, int m, int n, int k, float alpha,
                DeviceAddress a, long strideA, DeviceAddress b, long strideB,
                float beta, DeviceAddress c, long strideC, int batch) {
}

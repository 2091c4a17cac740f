package org.advmusic.engine.backend.cpu;

import java.util.function.IntFunction;

/**
 * Runs batched matrix products {@code C_t = alpha A_t B_t + beta C_t} with a {@link GemmKernel},
 * cutting the work into tasks for the {@link ParallelExecutor}: whole products when the batch is
 * large, else slices of each product's columns (or rows, when it has few columns), aligned to the
 * kernel's register tile. Because the kernel's arithmetic per element of C does not depend on the
 * slicing, the results are the same for every thread count.
 */
final class GemmDriver {
    /** Products below this many floating-point operations in total run on the calling thread. */
    static final long PARALLEL_FLOPS = 1L << 20;

    private final GemmKernel kernel;
    private final ParallelExecutor executor;

    GemmDriver(GemmKernel kernel, ParallelExecutor executor) {
        this.kernel = kernel;
        this.executor = executor;
    }

    /** The kernel that does the arithmetic. */
    GemmKernel kernel() {
        return kernel;
    }

    /**
     * For every {@code t < batch}: {@code C_t (m x n) = alpha * a(t) (m x k) * b(t) (k x n) + beta * C_t},
     * where {@code C_t} is row-major at {@code cOffset + t * strideC}. When {@code beta == 0} the old
     * contents of C are ignored. Modifies only the C matrices.
     */
    void multiply(int batch, IntFunction<PackingSource> a, IntFunction<PackingSource> b, int m, int n, int k,
                  float alpha, float beta, float[] c, int cOffset, int strideC) {
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scaleOnly(batch, m, n, beta, c, cOffset, strideC);
            return;
        }
        int threads = executor.threads();
        long flops = 2L * m * n * k * batch;
        // slices per product: enough for the tasks to be a multiple of the thread count, unless the batch is large
        int parts = threads == 1 || flops < PARALLEL_FLOPS || batch >= 8 * threads ? 1 : threads / gcd(batch, threads);
        // slicing columns repeats the packing of A in every slice, slicing rows that of B; packing A (a
        // transposition) costs about twice as much per element, so columns are sliced unless A is large
        boolean sliceColumns = (2L * m <= n || m < parts * kernel.rowGranule()) && n >= parts * kernel.columnGranule();
        int extent = sliceColumns ? n : m;
        int granule = sliceColumns ? kernel.columnGranule() : kernel.rowGranule();
        int slice = ceilDiv(ceilDiv(extent, parts), granule) * granule;
        int slices = ceilDiv(extent, slice);
        executor.forEachTask(batch * slices, task -> {
            int t = task / slices;
            int start = (task % slices) * slice;
            int end = Math.min(extent, start + slice);
            int cT = cOffset + t * strideC;
            if (sliceColumns) {
                kernel.multiply(a.apply(t), b.apply(t), k, alpha, beta, c, cT, n, 0, m, start, end);
            } else {
                kernel.multiply(a.apply(t), b.apply(t), k, alpha, beta, c, cT, n, start, end, 0, n);
            }
        });
    }

    /** {@code C = beta * C}, or zeros when {@code beta == 0}: the product with an empty inner dimension. */
    private static void scaleOnly(int batch, int m, int n, float beta, float[] c, int cOffset, int strideC) {
        for (int t = 0; t < batch; t++) {
            int c0 = cOffset + t * strideC;
            for (int i = c0; i < c0 + m * n; i++) {
                c[i] = beta == 0f ? 0f : c[i] * beta;
            }
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}

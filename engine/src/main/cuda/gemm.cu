// The fallback GEMM, used where cuBLAS does not load: a tiled shared-memory SGEMM on row-major
// matrices with strided batches,
//   C_t (m x n) = alpha * op(A_t) (m x k) * op(B_t) (k x n) + beta * C_t,     t < batch,
// where A_t = a + t * stride_a is stored m x k, or k x m when trans_a (likewise B_t: k x n, or n x k
// when trans_b), and C_t = c + t * stride_c. A stride of 0 shares one matrix across the batch. When
// beta == 0 the old C is not read (so NaN or garbage there does not leak into the result).
//
// Thread mapping: a block of 16 x 16 threads computes a TILE x TILE (64 x 64) tile of one C_t;
// thread (tx, ty) owns the 4 x 4 outputs at rows ty + 16 i and columns tx + 16 j (i, j < 4), so a
// warp's stores cover consecutive columns. The k axis is walked in slices of DEPTH (16): the block
// copies the 64 x 16 slice of op(A) and the 16 x 64 slice of op(B) into shared memory (zero outside
// the matrices), synchronises, and every thread accumulates its 4 x 4 products from shared memory.
// Grid: (ceil(n / 64), ceil(m / 64), min(batch, 65535)); blocks loop over t when batch is larger.
#include "common.cuh"

#define TILE 64
#define DEPTH 16
#define THREADS_PER_SIDE 16
#define PER_THREAD (TILE / THREADS_PER_SIDE) // 4 outputs per thread along each axis
#define THREADS (THREADS_PER_SIDE * THREADS_PER_SIDE)

/**
 * Copies the slice rows [row0, row0 + TILE) x depth [p0, p0 + DEPTH) of op(M) (rows x depth, stored
 * rows x depth, or depth x rows when transposed) into tile[p][row]. Consecutive threads take
 * consecutive addresses of M, whichever of the two axes is contiguous in memory.
 */
__device__ __forceinline__ void load_slice(const float *matrix, bool transposed, int rows, int depth, int row0, int p0,
                                           float tile[DEPTH][TILE + 1]) {
    int t = threadIdx.y * THREADS_PER_SIDE + threadIdx.x;
    for (int l = t; l < TILE * DEPTH; l += THREADS) {
        int r, p;
        if (transposed) { // stored depth x rows: rows are contiguous
            r = l % TILE;
            p = l / TILE;
        } else {          // stored rows x depth: depth is contiguous
            p = l % DEPTH;
            r = l / DEPTH;
        }
        int row = row0 + r;
        int q = p0 + p;
        bool inside = row < rows && q < depth;
        tile[p][r] = inside ? matrix[transposed ? (long long) q * rows + row : (long long) row * depth + q] : 0.0f;
    }
}

extern "C" __global__ void sgemm_tiled(int trans_a, int trans_b, int m, int n, int k, float alpha,
                                       const float *a, long long stride_a, const float *b, long long stride_b,
                                       float beta, float *c, long long stride_c, int batch) {
    // +1 column of padding: the copies above write with a stride of TILE + 1, avoiding bank conflicts
    __shared__ float a_tile[DEPTH][TILE + 1]; // a_tile[p][i] = op(A)[row0 + i, p0 + p]
    __shared__ float b_tile[DEPTH][TILE + 1]; // b_tile[p][j] = op(B)[p0 + p, col0 + j]
    int tx = threadIdx.x;
    int ty = threadIdx.y;
    int row0 = blockIdx.y * TILE;
    int col0 = blockIdx.x * TILE;

    for (int t = blockIdx.z; t < batch; t += gridDim.z) {
        const float *a_t = a + t * stride_a;
        const float *b_t = b + t * stride_b;
        float *c_t = c + t * stride_c;
        float acc[PER_THREAD][PER_THREAD] = {};

        for (int p0 = 0; p0 < k; p0 += DEPTH) {
            load_slice(a_t, trans_a, m, k, row0, p0, a_tile);
            // op(B) (k x n) is op(B^T)^T: its columns are the "rows" of load_slice, stored n x k when trans_b
            load_slice(b_t, !trans_b, n, k, col0, p0, b_tile);
            __syncthreads();
            for (int p = 0; p < DEPTH; ++p) {
                float a_values[PER_THREAD];
                float b_values[PER_THREAD];
                for (int i = 0; i < PER_THREAD; ++i) a_values[i] = a_tile[p][ty + THREADS_PER_SIDE * i];
                for (int j = 0; j < PER_THREAD; ++j) b_values[j] = b_tile[p][tx + THREADS_PER_SIDE * j];
                for (int i = 0; i < PER_THREAD; ++i) {
                    for (int j = 0; j < PER_THREAD; ++j) acc[i][j] += a_values[i] * b_values[j];
                }
            }
            __syncthreads(); // before the next slice overwrites the tiles
        }

        for (int i = 0; i < PER_THREAD; ++i) {
            int row = row0 + ty + THREADS_PER_SIDE * i;
            if (row >= m) continue;
            for (int j = 0; j < PER_THREAD; ++j) {
                int col = col0 + tx + THREADS_PER_SIDE * j;
                if (col >= n) continue;
                float *out = c_t + (long long) row * n + col;
                *out = beta == 0.0f ? alpha * acc[i][j] : alpha * acc[i][j] + beta * *out;
            }
        }
    }
}

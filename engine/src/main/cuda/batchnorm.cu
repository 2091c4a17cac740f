// Batch-norm statistics of x (batch, channels, spatial) over the batch and spatial axes:
//   mean[c]     = (1 / count) sum_{n, k} x[n, c, k]
//   variance[c] = (1 / count) sum_{n, k} (x[n, c, k] - mean[c])^2      (biased), count = batch * spatial
// Two passes, as in the reference, so that the variance does not suffer from cancellation; sums in
// double.
//
// Thread mapping: one block of STATISTICS_BLOCK threads per channel; thread t visits the elements
// e = t, t + STATISTICS_BLOCK, ... of the channel (e = n * spatial + k, so neighbouring threads read
// neighbouring addresses), then a tree in shared memory adds the partial sums.
#include "common.cuh"

/** Threads per block (a power of two; the Java side uses the same). */
#define STATISTICS_BLOCK 256

/** The sum over the block of each thread's `value`; every thread gets the result. */
__device__ double block_sum(double value, double *scratch) {
    int t = threadIdx.x;
    scratch[t] = value;
    __syncthreads();
    for (int width = STATISTICS_BLOCK / 2; width > 0; width /= 2) {
        if (t < width) scratch[t] += scratch[t + width];
        __syncthreads();
    }
    double total = scratch[0];
    __syncthreads(); // scratch may be reused by the caller's next block_sum
    return total;
}

extern "C" __global__ void batch_norm_statistics(const float *x, int batch, int channels, int spatial,
                                                 float *mean, float *variance) {
    __shared__ double scratch[STATISTICS_BLOCK];
    int c = blockIdx.x;
    long long count = (long long) batch * spatial;

    double sum = 0.0;
    for (long long e = threadIdx.x; e < count; e += STATISTICS_BLOCK) {
        long long n = e / spatial;
        long long k = e % spatial;
        sum += x[(n * channels + c) * spatial + k];
    }
    double mu = block_sum(sum, scratch) / (double) count;

    double squares = 0.0;
    for (long long e = threadIdx.x; e < count; e += STATISTICS_BLOCK) {
        long long n = e / spatial;
        long long k = e % spatial;
        double deviation = x[(n * channels + c) * spatial + k] - mu;
        squares += deviation * deviation;
    }
    double var = block_sum(squares, scratch) / (double) count;

    if (threadIdx.x == 0) {
        mean[c] = (float) mu;
        variance[c] = (float) var;
    }
}

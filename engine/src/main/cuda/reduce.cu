// Reductions of the middle axis of x viewed as (outer, n, inner) into out (outer, inner):
//   SUM:    out[o, k] = sum_j x[o, j, k]                (accumulated in double)
//   MAX:    out[o, k] = max_j x[o, j, k]                (NaN if any element is NaN, as Math.max)
//   MIN:    out[o, k] = min_j x[o, j, k]
//   ARGMAX: out[o, k] = first j with the largest value, stored as a float; as in the reference
//           loop "if (v > best) take v", NaN elements are never taken, and the answer is 0 when
//           x[o, 0, k] is NaN.
//
// Two thread mappings, chosen by the Java side:
// - reduce_thread_per_output: one thread per output (o, k), looping over j. Neighbouring threads
//   read neighbouring k, so loads are coalesced when inner is large. Good when there are many outputs.
// - reduce_block_per_output: one block of REDUCE_BLOCK threads per output; thread t visits
//   j = t, t + REDUCE_BLOCK, ... and the partial results are combined by a tree in shared memory.
//   Good when there are few outputs and n is long (sum of a whole tensor, a softmax denominator).
#include "common.cuh"

// Equal to the ordinal() of org.advmusic.engine.ReduceOp (checked by CudaOpCodesTest).
enum ReduceOpCode {
    REDUCE_SUM = 0,
    REDUCE_MAX = 1,
    REDUCE_MIN = 2,
    REDUCE_ARGMAX = 3
};

/** Threads per block of reduce_block_per_output (a power of two; the Java side uses the same). */
#define REDUCE_BLOCK 256

extern "C" __global__ void reduce_thread_per_output(int op, const float *x, int outer, int n, int inner, float *out) {
    long long output = global_index();
    if (output >= (long long) outer * inner) return;
    int o = (int) (output / inner);
    int k = (int) (output % inner);
    const float *slice = x + (long long) o * n * inner + k; // slice[j * inner] = x[o, j, k]
    float first = slice[0];
    double sum = first;
    float best = first;
    int best_index = 0;
    for (int j = 1; j < n; ++j) {
        float v = slice[(long long) j * inner];
        switch (op) {
            case REDUCE_SUM: sum += v; break;
            case REDUCE_MAX: best = java_max(best, v); break;
            case REDUCE_MIN: best = java_min(best, v); break;
            case REDUCE_ARGMAX:
                if (v > best) { best = v; best_index = j; }
                break;
        }
    }
    out[output] = op == REDUCE_SUM ? (float) sum : (op == REDUCE_ARGMAX ? (float) best_index : best);
}

/** Whether the argmax candidate (value, index) beats (other_value, other_index); index n means "none". */
__device__ __forceinline__ bool better_candidate(float value, int index, float other_value, int other_index, int n) {
    if (index == n) return false;
    if (other_index == n) return true;
    return value > other_value || (value == other_value && index < other_index);
}

extern "C" __global__ void reduce_block_per_output(int op, const float *x, int outer, int n, int inner, float *out) {
    __shared__ double sums[REDUCE_BLOCK];
    __shared__ float values[REDUCE_BLOCK];
    __shared__ int indices[REDUCE_BLOCK];

    int output = blockIdx.x; // (o, k)
    int o = output / inner;
    int k = output % inner;
    const float *slice = x + (long long) o * n * inner + k;
    int t = threadIdx.x;

    // 1. each thread reduces j = t, t + REDUCE_BLOCK, ...
    double sum = 0.0;
    float best = op == REDUCE_MIN ? INFINITY : -INFINITY; // identities of java_max / java_min
    int best_index = n;                                   // argmax: none yet (NaNs are skipped)
    for (int j = t; j < n; j += REDUCE_BLOCK) {
        float v = slice[(long long) j * inner];
        switch (op) {
            case REDUCE_SUM: sum += v; break;
            case REDUCE_MAX: best = java_max(best, v); break;
            case REDUCE_MIN: best = java_min(best, v); break;
            case REDUCE_ARGMAX:
                if (!isnan(v) && better_candidate(v, j, best, best_index, n)) { best = v; best_index = j; }
                break;
        }
    }
    sums[t] = sum;
    values[t] = best;
    indices[t] = best_index;
    __syncthreads();

    // 2. tree: after the step with width w, entry t < w holds the result of entries t, t + w, ...
    for (int width = REDUCE_BLOCK / 2; width > 0; width /= 2) {
        if (t < width) {
            switch (op) {
                case REDUCE_SUM: sums[t] += sums[t + width]; break;
                case REDUCE_MAX: values[t] = java_max(values[t], values[t + width]); break;
                case REDUCE_MIN: values[t] = java_min(values[t], values[t + width]); break;
                case REDUCE_ARGMAX:
                    if (better_candidate(values[t + width], indices[t + width], values[t], indices[t], n)) {
                        values[t] = values[t + width];
                        indices[t] = indices[t + width];
                    }
                    break;
            }
        }
        __syncthreads();
    }

    if (t == 0) {
        float result;
        switch (op) {
            case REDUCE_SUM: result = (float) sums[0]; break;
            case REDUCE_ARGMAX: result = isnan(slice[0]) || indices[0] == n ? 0.0f : (float) indices[0]; break;
            default: result = values[0]; break;
        }
        out[output] = result;
    }
}

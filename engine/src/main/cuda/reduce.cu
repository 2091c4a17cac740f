// Reductions of the middle axis of x viewed as (outer, n, inner) into out (outer, inner):
//   SUM:    out[o, k] = sum_j x[o, j, k]                (accumulated in double)
//   MAX:    out[o, k] = max_j x[o, j, k]                (NaN if any element is NaN, as Math.max)
//   MIN:    out[o, k] = min_j x[o, j, k]
//   ARGMAX: out[o, k] = first j with the largest value, stored as a float. The reference loop
//           "if (v > best) take v", started at j = 0, never takes a NaN and answers 0 when
//           x[o, 0, k] is NaN; so here NaNs are skipped, ties go to the smaller j, and the answer
//           is 0 when element 0 is NaN or every element is.
//
// Both kernels build a Partial (the reduction of some of a slice's elements) and finish it:
// - reduce_thread_per_output: one thread per output (o, k), adding every j. Neighbouring threads read
//   neighbouring k, so loads are coalesced when inner is large. Good when there are many outputs.
// - reduce_block_per_output: one block of REDUCE_BLOCK threads per output; thread t adds
//   j = t, t + REDUCE_BLOCK, ..., then a tree in shared memory merges the partials. Good when there
//   are few outputs and n is long (the sum of a whole tensor).
#include "common.cuh"

// Equal to the ordinal() of org.advmusic.engine.ReduceOp (checked by CudaSourceConstantsTest).
enum ReduceOpCode {
    REDUCE_SUM = 0,
    REDUCE_MAX = 1,
    REDUCE_MIN = 2,
    REDUCE_ARGMAX = 3
};

/** Threads per block of reduce_block_per_output (a power of two; the Java side uses the same). */
#define REDUCE_BLOCK 256

/** The reduction of a subset of one slice's elements; `index` is -1 while ARGMAX has seen no number. */
struct Partial {
    double sum;
    float best;
    int index;
};

__device__ __forceinline__ Partial empty_partial(int op) {
    Partial p;
    p.sum = 0.0;
    p.best = op == REDUCE_MIN ? INFINITY : -INFINITY; // identities of java_max and java_min
    p.index = -1;
    return p;
}

/** Whether the argmax candidate (value, index) beats the partial's (ties go to the smaller index). */
__device__ __forceinline__ bool beats(float value, int index, const Partial &p) {
    return index >= 0 && (p.index < 0 || value > p.best || (value == p.best && index < p.index));
}

/** Adds element j of value v. */
__device__ __forceinline__ void add(int op, Partial &p, float v, int j) {
    switch (op) {
        case REDUCE_SUM: p.sum += v; break;
        case REDUCE_MAX: p.best = java_max(p.best, v); break;
        case REDUCE_MIN: p.best = java_min(p.best, v); break;
        case REDUCE_ARGMAX:
            if (!isnan(v) && beats(v, j, p)) {
                p.best = v;
                p.index = j;
            }
            break;
    }
}

/** Merges the partial of other elements of the same slice into p. */
__device__ __forceinline__ void merge(int op, Partial &p, const Partial &other) {
    switch (op) {
        case REDUCE_SUM: p.sum += other.sum; break;
        case REDUCE_MAX: p.best = java_max(p.best, other.best); break;
        case REDUCE_MIN: p.best = java_min(p.best, other.best); break;
        case REDUCE_ARGMAX:
            if (beats(other.best, other.index, p)) p = other;
            break;
    }
}

/** The output of a partial holding the whole slice, whose element 0 is `first`. */
__device__ __forceinline__ float finish(int op, const Partial &p, float first) {
    switch (op) {
        case REDUCE_SUM: return (float) p.sum;
        case REDUCE_ARGMAX: return isnan(first) || p.index < 0 ? 0.0f : (float) p.index;
        default: return p.best;
    }
}

extern "C" __global__ void reduce_thread_per_output(int op, const float *x, int outer, int n, int inner, float *out) {
    long long output = global_index();
    if (output >= (long long) outer * inner) return;
    long long o = output / inner;
    long long k = output % inner;
    const float *slice = x + o * n * inner + k; // slice[j * inner] = x[o, j, k]
    Partial p = empty_partial(op);
    for (int j = 0; j < n; ++j) add(op, p, slice[(long long) j * inner], j);
    out[output] = finish(op, p, slice[0]);
}

extern "C" __global__ void reduce_block_per_output(int op, const float *x, int outer, int n, int inner, float *out) {
    __shared__ Partial partials[REDUCE_BLOCK];
    int output = blockIdx.x; // (o, k); the grid has outer * inner blocks
    const float *slice = x + (long long) (output / inner) * n * inner + output % inner;
    int t = threadIdx.x;

    Partial p = empty_partial(op);
    for (int j = t; j < n; j += REDUCE_BLOCK) add(op, p, slice[(long long) j * inner], j);
    partials[t] = p;
    __syncthreads();
    // tree: after the step of width w, entry t < w holds the merge of entries t, t + w, t + 2w, ...
    for (int width = REDUCE_BLOCK / 2; width > 0; width /= 2) {
        if (t < width) merge(op, partials[t], partials[t + width]);
        __syncthreads();
    }
    if (t == 0) out[output] = finish(op, partials[0], slice[0]);
}

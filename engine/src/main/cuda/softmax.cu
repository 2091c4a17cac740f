// The softmax family, computed stably (the maximum is subtracted before exponentiating):
//   softmax(x)_j     = exp(x_j - m) / s,  with m = max_j x_j and s = sum_j exp(x_j - m)
//   log_softmax(x)_j = (x_j - m) - log(s)
//   cross-entropy    = -log_softmax(z)_label = log(s) + m - z_label
//   d loss_r / d z_rc = g_r (p_rc - [c == label_r])
//
// Thread mapping of softmax and softmax_cross_entropy: one warp (32 threads) per slice; lane l
// visits the elements l, l + 32, ... and the warp combines its maximum and sum with shuffles.
// Blocks hold SLICES_PER_BLOCK warps. The backward is one thread per element.
#include "common.cuh"

#define WARP 32
#define SLICES_PER_BLOCK 4
#define FULL_MASK 0xffffffffu

__device__ __forceinline__ float warp_max(float v) {
    for (int offset = WARP / 2; offset > 0; offset /= 2) v = java_max(v, __shfl_xor_sync(FULL_MASK, v, offset));
    return v;
}

__device__ __forceinline__ float warp_sum(float v) {
    for (int offset = WARP / 2; offset > 0; offset /= 2) v += __shfl_xor_sync(FULL_MASK, v, offset);
    return v;
}

/**
 * Softmax (take_log = 0) or log-softmax (take_log = 1) along the middle axis of x viewed as (outer, n, inner).
 * Slice (o, k) is x[o, :, k]; launch ceil(outer * inner / SLICES_PER_BLOCK) blocks of
 * (WARP, SLICES_PER_BLOCK) threads.
 */
extern "C" __global__ void softmax(const float *x, int outer, int n, int inner, float *out, int take_log) {
    long long slice = (long long) blockIdx.x * SLICES_PER_BLOCK + threadIdx.y;
    if (slice >= (long long) outer * inner) return; // the whole warp leaves together
    int o = (int) (slice / inner);
    int k = (int) (slice % inner);
    long long base = (long long) o * n * inner + k; // element j is at base + j * inner
    int lane = threadIdx.x;

    float m = -INFINITY;
    for (int j = lane; j < n; j += WARP) m = java_max(m, x[base + (long long) j * inner]);
    m = warp_max(m);
    float s = 0.0f;
    for (int j = lane; j < n; j += WARP) s += expf(x[base + (long long) j * inner] - m);
    s = warp_sum(s);
    float log_s = logf(s);
    for (int j = lane; j < n; j += WARP) {
        long long at = base + (long long) j * inner;
        float shifted = x[at] - m;
        out[at] = take_log ? shifted - log_s : expf(shifted) / s;
    }
}

/**
 * For each row r of logits (rows, classes): probabilities[r, :] = softmax(logits[r, :]) and
 * losses[r] = -log softmax(logits[r, :])[labels[r]]. Labels are class indices stored as floats;
 * a label outside [0, classes) gives a NaN loss instead of reading outside the row.
 * Launch ceil(rows / SLICES_PER_BLOCK) blocks of (WARP, SLICES_PER_BLOCK) threads.
 */
extern "C" __global__ void softmax_cross_entropy(const float *logits, const float *labels, int rows, int classes,
                                                 float *probabilities, float *losses) {
    int r = blockIdx.x * SLICES_PER_BLOCK + threadIdx.y;
    if (r >= rows) return;
    const float *z = logits + (long long) r * classes;
    float *p = probabilities + (long long) r * classes;
    int lane = threadIdx.x;

    float m = -INFINITY;
    for (int c = lane; c < classes; c += WARP) m = java_max(m, z[c]);
    m = warp_max(m);
    float s = 0.0f;
    for (int c = lane; c < classes; c += WARP) s += expf(z[c] - m);
    s = warp_sum(s);
    for (int c = lane; c < classes; c += WARP) p[c] = expf(z[c] - m) / s;
    if (lane == 0) {
        int label = (int) labels[r];
        bool valid = labels[r] >= 0.0f && label < classes;
        losses[r] = valid ? logf(s) + m - z[label] : nanf("");
    }
}

/** gradLogits[r, c] = gradLosses[r] * (probabilities[r, c] - [c == labels[r]]), one thread per element. */
extern "C" __global__ void softmax_cross_entropy_backward(const float *probabilities, const float *labels,
                                                          const float *grad_losses, int rows, int classes,
                                                          float *grad_logits) {
    long long i = global_index();
    if (i >= (long long) rows * classes) return;
    int r = (int) (i / classes);
    int c = (int) (i % classes);
    float target = c == (int) labels[r] ? 1.0f : 0.0f;
    grad_logits[i] = grad_losses[r] * (probabilities[i] - target);
}

// Helpers shared by the advmusic CUDA kernels (included by every .cu file of this directory).
//
// Conventions of all kernels:
// - float32 data, row-major and contiguous, as the Java Backend SPI describes;
// - element counts and offsets fit in a Java int (every buffer has fewer than 2^31 elements);
// - unless a kernel says otherwise, one thread computes one output element, in 1-D blocks of
//   ADVMUSIC_BLOCK threads (the Java side launches ceil(count / ADVMUSIC_BLOCK) blocks);
// - extern "C" names, so the Java side finds them in the PTX by their plain name.
#pragma once

/** Threads per block of the one-thread-per-element kernels (the Java side uses the same number). */
#define ADVMUSIC_BLOCK 256

/** The largest tensor rank the strided-index kernels accept (after merging contiguous axes). */
#define ADVMUSIC_MAX_RANK 8

/** Global index of this thread in a 1-D launch, in 64 bits so that it cannot overflow. */
__device__ __forceinline__ long long global_index() {
    return (long long) blockIdx.x * blockDim.x + threadIdx.x;
}

// Java's Math.max / Math.min, which the reference backend uses: NaN if either argument is NaN,
// and +0 > -0. (CUDA's fmaxf/fminf instead return the other argument when one is NaN.)
__device__ __forceinline__ float java_max(float a, float b) {
    if (isnan(a) || isnan(b)) return nanf("");
    if (a == 0.0f && b == 0.0f) return signbit(a) ? b : a;
    return a > b ? a : b;
}

__device__ __forceinline__ float java_min(float a, float b) {
    if (isnan(a) || isnan(b)) return nanf("");
    if (a == 0.0f && b == 0.0f) return signbit(a) ? a : b;
    return a < b ? a : b;
}

__device__ __forceinline__ double java_max(double a, double b) {
    if (isnan(a) || isnan(b)) return nan("");
    if (a == 0.0 && b == 0.0) return signbit(a) ? b : a;
    return a > b ? a : b;
}

__device__ __forceinline__ double java_min(double a, double b) {
    if (isnan(a) || isnan(b)) return nan("");
    if (a == 0.0 && b == 0.0) return signbit(a) ? a : b;
    return a < b ? a : b;
}

/**
 * A window sliding over planes of height x width (convolution and pooling): windows of
 * kernel_h x kernel_w moved by the strides over the planes padded by pad_h / pad_w on each side,
 * giving out_h x out_w positions. Window (oy, ox) covers the input rows
 * oy * stride_h - pad_h + [0, kernel_h) and likewise the columns. `count` is the number of
 * channels (im2col, per sample) or of planes (pooling, batch * channels). Passed by value; the Java
 * side packs Conv2dGeometry and Pool2dGeometry in this order.
 */
struct WindowGeometry {
    int count;
    int height, width;
    int kernel_h, kernel_w;
    int stride_h, stride_w;
    int pad_h, pad_w;
    int out_h, out_w;
};

/**
 * The window positions along one axis that cover input coordinate i:
 * o * stride - pad <= i <= o * stride - pad + kernel - 1, clamped to [0, out).
 * Sets first and last (an empty range when first > last).
 */
__device__ __forceinline__ void covering_windows(int i, int kernel, int stride, int pad, int out, int &first, int &last) {
    int shifted = i + pad; // o * stride <= shifted  and  o * stride >= shifted - kernel + 1
    first = shifted - kernel + 1 <= 0 ? 0 : (shifted - kernel + 1 + stride - 1) / stride;
    last = min(shifted / stride, out - 1);
}

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
template <typename T>
__device__ __forceinline__ T java_max(T a, T b) {
    if (isnan(a)) return a;
    if (isnan(b)) return b;
    if (a == 0 && b == 0) return signbit(a) ? b : a;
    return a > b ? a : b;
}

template <typename T>
__device__ __forceinline__ T java_min(T a, T b) {
    if (isnan(a)) return a;
    if (isnan(b)) return b;
    if (a == 0 && b == 0) return signbit(a) ? a : b;
    return a < b ? a : b;
}

/**
 * How one or two operands are read over an output array: output element i has the row-major
 * coordinates (i_0, ..., i_{rank-1}) in an array of shape dims, and reads operand o at
 * sum_d i_d * strides[o][d] (broadcast axes have stride 0). Passed to kernels by value; the Java side
 * (CollapsedIndex) packs the ints in this order, after merging axes that every operand steps over
 * as one.
 */
struct StridedIndex {
    int rank;
    int dims[ADVMUSIC_MAX_RANK];
    int strides[2][ADVMUSIC_MAX_RANK];
};

/** The offsets of output element i in operands 0 and 1. */
__device__ __forceinline__ void strided_offsets(const StridedIndex &index, int i, int &offset0, int &offset1) {
    offset0 = 0;
    offset1 = 0;
    // last axis fastest; unrolled over the fixed maximum rank so that the struct is indexed statically
#pragma unroll
    for (int d = ADVMUSIC_MAX_RANK - 1; d >= 0; --d) {
        if (d >= index.rank) continue;
        int coordinate = i % index.dims[d];
        i /= index.dims[d];
        offset0 += coordinate * index.strides[0][d];
        offset1 += coordinate * index.strides[1][d];
    }
}

/** Position of a flat index in an array of planes of height x width: plane, row y and column x. */
struct PlanePosition {
    long long plane;
    int y;
    int x;
};

__device__ __forceinline__ PlanePosition plane_position(long long index, int height, int width) {
    PlanePosition p;
    p.x = (int) (index % width);
    p.y = (int) (index / width % height);
    p.plane = index / ((long long) width * height);
    return p;
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

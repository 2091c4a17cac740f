// Moving elements: 2-D block copies, gathering and scattering rows, and permuting axes (plain copies
// and fills use the driver's cuMemcpyDtoD and cuMemsetD32). One thread per written element, 1-D
// blocks of ADVMUSIC_BLOCK threads. Offsets are applied to the pointers by the Java side.
#include "common.cuh"

/** dst[r * dst_stride + c] = src[r * src_stride + c] for r < rows, c < columns (regions must not overlap). */
extern "C" __global__ void copy_2d(const float *src, int src_stride, float *dst, int dst_stride, int rows, int columns) {
    long long i = global_index();
    if (i >= (long long) rows * columns) return;
    long long r = i / columns;
    int c = (int) (i % columns);
    dst[r * dst_stride + c] = src[r * src_stride + c];
}

/**
 * Row r of dst = row src_rows[r] of src, for r < count (rows of row_length elements). The row
 * indices are an int device array.
 */
extern "C" __global__ void gather_rows(const float *src, int row_length, const int *src_rows, int count, float *dst) {
    long long i = global_index();
    if (i >= (long long) count * row_length) return;
    long long r = i / row_length;
    int c = (int) (i % row_length);
    dst[i] = src[(long long) src_rows[r] * row_length + c];
}

/**
 * Row dst_rows[r] of dst = row src_rows[r] of src, for r < count. The Java side passes each
 * destination row once (the last of duplicates, as a sequential loop would leave it).
 */
extern "C" __global__ void scatter_rows(const float *src, int row_length, const int *src_rows, const int *dst_rows,
                                        int count, float *dst) {
    long long i = global_index();
    if (i >= (long long) count * row_length) return;
    long long r = i / row_length;
    int c = (int) (i % row_length);
    dst[(long long) dst_rows[r] * row_length + c] = src[(long long) src_rows[r] * row_length + c];
}

/** dst[i] = src[offset(i)] for i < n, with the offsets of operand 0: axis permutation (transpose) of a contiguous array. */
extern "C" __global__ void permute(const float *src, StridedIndex index, float *dst, int n) {
    long long i = global_index();
    if (i >= n) return;
    int offset, unused;
    strided_offsets(index, (int) i, offset, unused);
    dst[i] = src[offset];
}

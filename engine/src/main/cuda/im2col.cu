// im2col and its adjoint col2im (see org.advmusic.engine.Conv2dGeometry). For one sample of
// (channels, height, width), the column matrix has
//   rows    (c * kernel_h + ki) * kernel_w + kj      (channels * kernel_h * kernel_w of them)
//   columns oy * out_w + ox                          (out_h * out_w of them)
// and entry [row, column] = x[c, oy * stride_h - pad_h + ki, ox * stride_w - pad_w + kj], or 0 in the
// padding. `samples` consecutive samples map to `samples` consecutive column matrices.
#include "common.cuh"

/** One thread per column-matrix entry of all samples; neighbouring threads write neighbouring columns. */
extern "C" __global__ void im2col(WindowGeometry g, const float *x, float *col, int samples) {
    int col_rows = g.count * g.kernel_h * g.kernel_w;
    int col_columns = g.out_h * g.out_w;
    long long e = global_index();
    if (e >= (long long) samples * col_rows * col_columns) return;
    int column = (int) (e % col_columns);
    long long sample_row = e / col_columns; // n * col_rows + row
    int row = (int) (sample_row % col_rows);
    int n = (int) (sample_row / col_rows);

    int kj = row % g.kernel_w;
    int ki = (row / g.kernel_w) % g.kernel_h;
    int c = row / (g.kernel_w * g.kernel_h);
    int iy = (column / g.out_w) * g.stride_h - g.pad_h + ki;
    int ix = (column % g.out_w) * g.stride_w - g.pad_w + kj;
    bool inside = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width;
    long long plane = (long long) n * g.count + c;
    col[e] = inside ? x[(plane * g.height + iy) * g.width + ix] : 0.0f;
}

/**
 * Overwrites x (samples, channels, height, width) with the sums of the column entries that read each
 * element: one thread per element of x, gathering the (ki, kj) whose window position (oy, ox) is
 * whole, so there are no atomics and the result is deterministic.
 */
extern "C" __global__ void col2im(WindowGeometry g, const float *col, float *x, int samples) {
    int col_rows = g.count * g.kernel_h * g.kernel_w;
    int col_columns = g.out_h * g.out_w;
    long long e = global_index();
    if (e >= (long long) samples * g.count * g.height * g.width) return;
    PlanePosition at = plane_position(e, g.height, g.width); // at.plane = n * channels + c
    int iy = at.y;
    int ix = at.x;
    int c = (int) (at.plane % g.count);
    long long n = at.plane / g.count;
    const float *sample_col = col + n * col_rows * col_columns;

    float sum = 0.0f;
    for (int ki = 0; ki < g.kernel_h; ++ki) {
        int ty = iy + g.pad_h - ki; // = oy * stride_h for the window that reads row iy at kernel row ki
        if (ty < 0 || ty % g.stride_h != 0 || ty / g.stride_h >= g.out_h) continue;
        int oy = ty / g.stride_h;
        for (int kj = 0; kj < g.kernel_w; ++kj) {
            int tx = ix + g.pad_w - kj;
            if (tx < 0 || tx % g.stride_w != 0 || tx / g.stride_w >= g.out_w) continue;
            int ox = tx / g.stride_w;
            int row = (c * g.kernel_h + ki) * g.kernel_w + kj;
            sum += sample_col[(long long) row * col_columns + oy * g.out_w + ox];
        }
    }
    x[e] = sum;
}

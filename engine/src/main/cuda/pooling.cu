// Max and average pooling over planes of (height, width) (see org.advmusic.engine.Pool2dGeometry;
// here g.count is the number of planes, batch * channels). Padding counts as -infinity for the
// maximum and as 0 for the average, which always divides by the full window size.
//
// Forward kernels: one thread per output element. Backward kernels: one thread per input element,
// gathering from the windows that cover it (no atomics, deterministic), and overwriting gradIn.
#include "common.cuh"

/**
 * out[p, oy, ox] = max of the window; argmax[p, oy, ox] = iy * width + ix of the first maximum in
 * row-major window order, as a float. A NaN is taken over any number (as the reference does).
 */
extern "C" __global__ void max_pool(WindowGeometry g, const float *x, float *out, float *argmax) {
    long long o = global_index();
    if (o >= (long long) g.count * g.out_h * g.out_w) return;
    PlanePosition at = plane_position(o, g.out_h, g.out_w);
    int oy = at.y;
    int ox = at.x;
    const float *plane = x + at.plane * g.height * g.width;

    float best = -INFINITY;
    int best_index = -1;
    for (int ki = 0; ki < g.kernel_h; ++ki) {
        int iy = oy * g.stride_h - g.pad_h + ki;
        if (iy < 0 || iy >= g.height) continue;
        for (int kj = 0; kj < g.kernel_w; ++kj) {
            int ix = ox * g.stride_w - g.pad_w + kj;
            if (ix < 0 || ix >= g.width) continue;
            float v = plane[iy * g.width + ix];
            if (best_index < 0 || v > best || (isnan(v) && !isnan(best))) {
                best = v;
                best_index = iy * g.width + ix;
            }
        }
    }
    out[o] = best;
    argmax[o] = (float) best_index;
}

/** gradIn[p, iy, ix] = sum of gradOut over the windows of plane p whose argmax is (iy, ix). */
extern "C" __global__ void max_pool_backward(WindowGeometry g, const float *grad_out, const float *argmax,
                                             float *grad_in) {
    long long e = global_index();
    if (e >= (long long) g.count * g.height * g.width) return;
    PlanePosition at = plane_position(e, g.height, g.width);
    int iy = at.y;
    int ix = at.x;
    long long out_plane = at.plane * g.out_h * g.out_w;
    float here = (float) (iy * g.width + ix);

    int oy_first, oy_last, ox_first, ox_last;
    covering_windows(iy, g.kernel_h, g.stride_h, g.pad_h, g.out_h, oy_first, oy_last);
    covering_windows(ix, g.kernel_w, g.stride_w, g.pad_w, g.out_w, ox_first, ox_last);
    float sum = 0.0f;
    for (int oy = oy_first; oy <= oy_last; ++oy) {
        for (int ox = ox_first; ox <= ox_last; ++ox) {
            long long o = out_plane + oy * g.out_w + ox;
            if (argmax[o] == here) sum += grad_out[o];
        }
    }
    grad_in[e] = sum;
}

/** out[p, oy, ox] = (sum of the window's elements inside the plane) / (kernel_h * kernel_w). */
extern "C" __global__ void avg_pool(WindowGeometry g, const float *x, float *out) {
    long long o = global_index();
    if (o >= (long long) g.count * g.out_h * g.out_w) return;
    PlanePosition at = plane_position(o, g.out_h, g.out_w);
    int oy = at.y;
    int ox = at.x;
    const float *plane = x + at.plane * g.height * g.width;

    float sum = 0.0f;
    for (int ki = 0; ki < g.kernel_h; ++ki) {
        int iy = oy * g.stride_h - g.pad_h + ki;
        if (iy < 0 || iy >= g.height) continue;
        for (int kj = 0; kj < g.kernel_w; ++kj) {
            int ix = ox * g.stride_w - g.pad_w + kj;
            if (ix >= 0 && ix < g.width) sum += plane[iy * g.width + ix];
        }
    }
    out[o] = sum / (float) (g.kernel_h * g.kernel_w);
}

/** gradIn[p, iy, ix] = sum over the windows covering (iy, ix) of gradOut / (kernel_h * kernel_w). */
extern "C" __global__ void avg_pool_backward(WindowGeometry g, const float *grad_out, float *grad_in) {
    long long e = global_index();
    if (e >= (long long) g.count * g.height * g.width) return;
    PlanePosition at = plane_position(e, g.height, g.width);
    int iy = at.y;
    int ix = at.x;
    const float *plane_grad = grad_out + at.plane * g.out_h * g.out_w;
    float window = (float) (g.kernel_h * g.kernel_w);

    int oy_first, oy_last, ox_first, ox_last;
    covering_windows(iy, g.kernel_h, g.stride_h, g.pad_h, g.out_h, oy_first, oy_last);
    covering_windows(ix, g.kernel_w, g.stride_w, g.pad_w, g.out_w, ox_first, ox_last);
    float sum = 0.0f;
    for (int oy = oy_first; oy <= oy_last; ++oy) {
        for (int ox = ox_first; ox <= ox_last; ++ox) {
            sum += plane_grad[oy * g.out_w + ox] / window;
        }
    }
    grad_in[e] = sum;
}

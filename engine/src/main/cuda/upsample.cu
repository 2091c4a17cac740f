// Bilinear resizing of planes (in_h, in_w) -> (out_h, out_w) with PyTorch's align_corners=False:
// output pixel (oy, ox) samples the input at
//   sy = max((oy + 0.5) * in_h / out_h - 0.5, 0),  y0 = floor(sy),  y1 = min(y0 + 1, in_h - 1),  ly = sy - y0
// (likewise sx, x0, x1, lx) and
//   out = (1 - ly) ((1 - lx) x[y0, x0] + lx x[y0, x1]) + ly ((1 - lx) x[y1, x0] + lx x[y1, x1]).
// The source coordinates are computed in double, exactly as in the reference, so that both pick the
// same neighbours.
//
// Forward: one thread per output pixel. Backward: one thread per input pixel, gathering the output
// pixels whose neighbours include it (no atomics, deterministic).
#include "common.cuh"

/** The sampling position of output index dst along one axis: first neighbour, second, and weight of the second. */
struct Sample {
    int first;
    int second;
    float weight;
};

__device__ __forceinline__ Sample source_sample(int dst, int in, int out) {
    double source = (dst + 0.5) * in / out - 0.5;
    if (source < 0.0) source = 0.0;
    Sample s;
    s.first = (int) source;
    s.second = min(s.first + 1, in - 1);
    s.weight = (float) (source - s.first);
    return s;
}

extern "C" __global__ void upsample_bilinear(const float *x, int planes, int in_h, int in_w, int out_h, int out_w,
                                             float *out) {
    long long o = global_index();
    if (o >= (long long) planes * out_h * out_w) return;
    PlanePosition at = plane_position(o, out_h, out_w);
    const float *plane = x + at.plane * in_h * in_w;
    Sample sy = source_sample(at.y, in_h, out_h);
    Sample sx = source_sample(at.x, in_w, out_w);
    float top = (1.0f - sx.weight) * plane[sy.first * in_w + sx.first] + sx.weight * plane[sy.first * in_w + sx.second];
    float bottom = (1.0f - sx.weight) * plane[sy.second * in_w + sx.first] + sx.weight * plane[sy.second * in_w + sx.second];
    out[o] = (1.0f - sy.weight) * top + sy.weight * bottom;
}

/** How much input index i receives from the sample s along one axis (both neighbours may be i). */
__device__ __forceinline__ float share_of(Sample s, int i) {
    return (s.first == i ? 1.0f - s.weight : 0.0f) + (s.second == i ? s.weight : 0.0f);
}

/**
 * The output indices along one axis that may sample input index i: those whose first neighbour is
 * i - 1 or i, i.e. (o + 0.5) in / out - 0.5 in [i - 1, i + 1), widened by one on each side so that
 * rounding cannot exclude one; clamped to [0, out).
 */
__device__ __forceinline__ void sampling_range(int i, int in, int out, int &first, int &last) {
    first = max((int) floor((i - 0.5) * out / in - 0.5) - 1, 0);
    last = min((int) ceil((i + 1.5) * out / in - 0.5) + 1, out - 1);
}

/** gradIn[p, iy, ix] = sum over output pixels of gradOut * (the weight with which they read (iy, ix)). */
extern "C" __global__ void upsample_bilinear_backward(const float *grad_out, int planes, int in_h, int in_w,
                                                      int out_h, int out_w, float *grad_in) {
    long long e = global_index();
    if (e >= (long long) planes * in_h * in_w) return;
    PlanePosition at = plane_position(e, in_h, in_w);
    const float *plane_grad = grad_out + at.plane * out_h * out_w;

    int oy_first, oy_last, ox_first, ox_last;
    sampling_range(at.y, in_h, out_h, oy_first, oy_last);
    sampling_range(at.x, in_w, out_w, ox_first, ox_last);
    float sum = 0.0f;
    for (int oy = oy_first; oy <= oy_last; ++oy) {
        float wy = share_of(source_sample(oy, in_h, out_h), at.y);
        if (wy == 0.0f) continue;
        for (int ox = ox_first; ox <= ox_last; ++ox) {
            float wx = share_of(source_sample(ox, in_w, out_w), at.x);
            sum += wy * wx * plane_grad[oy * out_w + ox];
        }
    }
    grad_in[e] = sum;
}

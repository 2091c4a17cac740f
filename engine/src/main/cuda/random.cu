// Counter-based random fill, the same functions as org.advmusic.engine.CounterRandom:
//   mix(z)            = SplitMix64 finaliser
//   bits(seed, i)     = mix(mix(seed) + (i + 1) * 0x9E3779B97F4A7C15)           (64-bit wrap-around)
//   uniform(seed, i)  = (bits(seed, i) >>> 11) * 2^-53                         (in [0, 1))
//   normal(seed, i)   = sqrt(-2 log(1 - uniform(seed, 2i))) * cos(2 pi uniform(seed, 2i + 1))
//   element i         = a + (b - a) uniform(seed, i)   or   a + b normal(seed, i)
// computed in double and rounded to float once, as the Java backends do. The integer part is exact.
// The double arithmetic uses the _rn intrinsics so the compiler cannot fuse a multiply and an add
// into one FMA (Java rounds each operation); uniform values are therefore bit-identical to the CPU.
// For normal values, CUDA's log and cos may differ from Java's in the last bit of the double, which
// changes the float only when the double lies next to a float rounding boundary.
//
// Thread mapping: one thread per element, 1-D blocks of ADVMUSIC_BLOCK threads.
#include "common.cuh"

// Equal to the ordinal() of org.advmusic.engine.RandomDistribution (checked by CudaOpCodesTest).
enum RandomDistributionCode {
    RANDOM_UNIFORM = 0,
    RANDOM_NORMAL = 1
};

__device__ __forceinline__ unsigned long long splitmix_finaliser(unsigned long long z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

__device__ __forceinline__ double counter_uniform(unsigned long long mixed_seed, unsigned long long index) {
    unsigned long long bits = splitmix_finaliser(mixed_seed + (index + 1) * 0x9E3779B97F4A7C15ull);
    return (double) (bits >> 11) * 0x1.0p-53; // 53 random bits; both steps are exact
}

/** dst[i] = a + (b - a) uniform(seed, i)  or  a + b normal(seed, i), for i < n. */
extern "C" __global__ void fill_random(float *dst, int n, int distribution, long long seed, double a, double b) {
    long long i = global_index();
    if (i >= n) return;
    unsigned long long mixed_seed = splitmix_finaliser((unsigned long long) seed);
    double value;
    if (distribution == RANDOM_UNIFORM) {
        value = __dadd_rn(a, __dmul_rn(__dsub_rn(b, a), counter_uniform(mixed_seed, i)));
    } else {
        double u1 = counter_uniform(mixed_seed, 2 * i);
        double u2 = counter_uniform(mixed_seed, 2 * i + 1);
        const double two_pi = 2.0 * 3.141592653589793; // 2.0 * Math.PI, exact
        double standard = __dmul_rn(sqrt(-2.0 * log(__dsub_rn(1.0, u1))), cos(__dmul_rn(two_pi, u2)));
        value = __dadd_rn(a, __dmul_rn(b, standard));
    }
    dst[i] = (float) value;
}

// Elementwise kernels: unary functions, binary functions with NumPy broadcasting, and where.
// The meaning of every operation is org.advmusic.engine.ScalarFunctions (the float64 reference);
// here values are float32, while comparisons with the double parameters p and q are made in double
// so that, e.g., INSIDE(x; p, q) agrees with the reference at the interval's ends.
//
// Thread mapping: one thread per output element, 1-D blocks of ADVMUSIC_BLOCK threads.
#include "common.cuh"

// Operation codes: equal to the ordinal() of org.advmusic.engine.UnaryOp / BinaryOp
// (CudaOpCodesTest checks both lists against the Java enums).
enum UnaryOpCode {
    UNARY_NEG = 0,
    UNARY_ABS = 1,
    UNARY_EXP = 2,
    UNARY_LOG = 3,
    UNARY_SQRT = 4,
    UNARY_SQUARE = 5,
    UNARY_RECIPROCAL = 6,
    UNARY_RELU = 7,
    UNARY_SIGMOID = 8,
    UNARY_TANH = 9,
    UNARY_SIGN = 10,
    UNARY_ROUND = 11,
    UNARY_POW = 12,
    UNARY_SCALE_SHIFT = 13,
    UNARY_CLAMP = 14,
    UNARY_INSIDE = 15,
    UNARY_GREATER_THAN = 16
};

enum BinaryOpCode {
    BINARY_ADD = 0,
    BINARY_SUB = 1,
    BINARY_MUL = 2,
    BINARY_DIV = 3,
    BINARY_MAX = 4,
    BINARY_MIN = 5,
    BINARY_GT = 6,
    BINARY_GE = 7,
    BINARY_LT = 8,
    BINARY_LE = 9,
    BINARY_EQ = 10,
    BINARY_RELU_BACKWARD = 11,
    BINARY_SIGMOID_BACKWARD = 12,
    BINARY_TANH_BACKWARD = 13
};

/** op(x; p, q), see UnaryOp. POW uses the exponent rounded to float. */
__device__ float unary_function(int op, float x, double p, double q) {
    switch (op) {
        case UNARY_NEG: return -x;
        case UNARY_ABS: return fabsf(x);
        case UNARY_EXP: return expf(x);
        case UNARY_LOG: return logf(x);
        case UNARY_SQRT: return sqrtf(x);
        case UNARY_SQUARE: return x * x;
        case UNARY_RECIPROCAL: return 1.0f / x;
        case UNARY_RELU: return x > 0.0f || x != x ? x : 0.0f;  // NaN stays NaN, as in PyTorch
        // the two branches avoid overflow of exp for large |x|
        case UNARY_SIGMOID: return x >= 0.0f ? 1.0f / (1.0f + expf(-x)) : expf(x) / (1.0f + expf(x));
        case UNARY_TANH: return tanhf(x);
        // Math.signum: -1, +1, and the argument itself for +0, -0 and NaN
        case UNARY_SIGN: return x > 0.0f ? 1.0f : (x < 0.0f ? -1.0f : x);
        case UNARY_ROUND: return rintf(x); // half to even, like Math.rint
        case UNARY_POW: return powf(x, (float) p);
        case UNARY_SCALE_SHIFT: return (float) (p * (double) x + q);
        case UNARY_CLAMP: return (float) java_min(java_max((double) x, p), q);
        case UNARY_INSIDE: return (double) x >= p && (double) x <= q ? 1.0f : 0.0f;
        case UNARY_GREATER_THAN: return (double) x > p ? 1.0f : 0.0f;
        default: return nanf(""); // unreachable: the Java side passes valid codes only
    }
}

/** op(a, b), see BinaryOp; comparisons give 1 or 0. */
__device__ float binary_function(int op, float a, float b) {
    switch (op) {
        case BINARY_ADD: return a + b;
        case BINARY_SUB: return a - b;
        case BINARY_MUL: return a * b;
        case BINARY_DIV: return a / b;
        case BINARY_MAX: return java_max(a, b);
        case BINARY_MIN: return java_min(a, b);
        case BINARY_GT: return a > b ? 1.0f : 0.0f;
        case BINARY_GE: return a >= b ? 1.0f : 0.0f;
        case BINARY_LT: return a < b ? 1.0f : 0.0f;
        case BINARY_LE: return a <= b ? 1.0f : 0.0f;
        case BINARY_EQ: return a == b ? 1.0f : 0.0f;
        case BINARY_RELU_BACKWARD: return b > 0.0f ? a : 0.0f;       // a * 1[b > 0]
        case BINARY_SIGMOID_BACKWARD: return a * b * (1.0f - b);     // a * s (1 - s)
        case BINARY_TANH_BACKWARD: return a * (1.0f - b * b);        // a * (1 - t^2)
        default: return nanf("");
    }
}

/** out[i] = op(x[i]; p, q) for i < n. out may be x. */
extern "C" __global__ void unary(int op, const float *x, float *out, int n, double p, double q) {
    long long i = global_index();
    if (i < n) out[i] = unary_function(op, x[i], p, q);
}

/** out[i] = op(a[i], b[i]) for i < n: the case where no operand is broadcast. out may be a or b. */
extern "C" __global__ void binary_same_shape(int op, const float *a, const float *b, float *out, int n) {
    long long i = global_index();
    if (i < n) out[i] = binary_function(op, a[i], b[i]);
}

/** out[i] = op(a[offset_a(i)], b[offset_b(i)]) for i < n (n = product of index.dims; a is operand 0, b operand 1). */
extern "C" __global__ void binary_broadcast(int op, const float *a, const float *b, float *out, int n,
                                            StridedIndex index) {
    long long i = global_index();
    if (i >= n) return;
    int offset_a, offset_b;
    strided_offsets(index, (int) i, offset_a, offset_b);
    out[i] = binary_function(op, a[offset_a], b[offset_b]);
}

/** out[i] = condition[i] != 0 ? a[i] : b[i] for i < n. */
extern "C" __global__ void where(const float *condition, const float *a, const float *b, float *out, int n) {
    long long i = global_index();
    if (i < n) out[i] = condition[i] != 0.0f ? a[i] : b[i];
}

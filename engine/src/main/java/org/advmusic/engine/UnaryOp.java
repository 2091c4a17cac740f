package org.advmusic.engine;

/**
 * Elementwise functions {@code out[i] = f(x[i]; p, q)} for {@link Backend#unary}. The scalar
 * parameters {@code p} and {@code q} are ignored except where stated.
 */
public enum UnaryOp {
    /** {@code -x} */
    NEG,
    /** {@code |x|} */
    ABS,
    /** {@code e^x} */
    EXP,
    /** natural logarithm */
    LOG,
    /** square root */
    SQRT,
    /** {@code x * x} */
    SQUARE,
    /** {@code 1 / x} */
    RECIPROCAL,
    /** {@code max(x, 0)} */
    RELU,
    /** {@code 1 / (1 + e^-x)} */
    SIGMOID,
    /** hyperbolic tangent */
    TANH,
    /** {@code -1, 0 or 1}; 0 for 0 and NaN stays NaN */
    SIGN,
    /** round half to even ({@link Math#rint}) */
    ROUND,
    /** {@code x^p} */
    POW,
    /** {@code p * x + q} */
    SCALE_SHIFT,
    /** {@code min(max(x, p), q)} */
    CLAMP,
    /** {@code 1 if p <= x <= q else 0} */
    INSIDE,
    /** {@code 1 if x > p else 0} */
    GREATER_THAN
}

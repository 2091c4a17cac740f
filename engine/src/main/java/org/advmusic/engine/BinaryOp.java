package org.advmusic.engine;

/**
 * Elementwise functions of two broadcast operands {@code out = f(a, b)} for {@link Backend#binary}.
 * Comparisons give 1 for true and 0 for false. The {@code *_BACKWARD} entries are fused gradient
 * helpers where {@code a} is the incoming gradient.
 */
public enum BinaryOp {
    /** {@code a + b} */
    ADD,
    /** {@code a - b} */
    SUB,
    /** {@code a * b} */
    MUL,
    /** {@code a / b} */
    DIV,
    /** {@code max(a, b)} */
    MAX,
    /** {@code min(a, b)} */
    MIN,
    /** {@code a > b} */
    GT,
    /** {@code a >= b} */
    GE,
    /** {@code a < b} */
    LT,
    /** {@code a <= b} */
    LE,
    /** {@code a == b} */
    EQ,
    /** {@code a * (b > 0)}: ReLU's backward with {@code b} the ReLU input */
    RELU_BACKWARD,
    /** {@code a * b * (1 - b)}: sigmoid's backward with {@code b} the sigmoid output */
    SIGMOID_BACKWARD,
    /** {@code a * (1 - b * b)}: tanh's backward with {@code b} the tanh output */
    TANH_BACKWARD
}

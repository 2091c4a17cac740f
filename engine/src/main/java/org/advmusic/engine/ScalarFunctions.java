package org.advmusic.engine;

/**
 * The meaning of every {@link UnaryOp} and {@link BinaryOp} on one value, in double precision. The
 * reference backend calls these directly; fast backends may specialise loops but must agree with them.
 */
public final class ScalarFunctions {
    private ScalarFunctions() {
    }

    /** {@code op(x; p, q)}. */
    public static double unary(UnaryOp op, double x, double p, double q) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1.0 / x;
            case RELU -> x > 0 || Double.isNaN(x) ? x : 0.0; // NaN stays NaN, as in PyTorch
            case SIGMOID -> x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            case TANH -> Math.tanh(x);
            case SIGN -> Math.signum(x);
            case ROUND -> Math.rint(x);
            case POW -> Math.pow(x, p);
            case SCALE_SHIFT -> p * x + q;
            case CLAMP -> Math.min(Math.max(x, p), q);
            case INSIDE -> x >= p && x <= q ? 1.0 : 0.0;
            case GREATER_THAN -> x > p ? 1.0 : 0.0;
        };
    }

    /** {@code op(a, b)}. */
    public static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case GT -> a > b ? 1.0 : 0.0;
            case GE -> a >= b ? 1.0 : 0.0;
            case LT -> a < b ? 1.0 : 0.0;
            case LE -> a <= b ? 1.0 : 0.0;
            case EQ -> a == b ? 1.0 : 0.0;
            case RELU_BACKWARD -> b > 0 ? a : 0.0;
            case SIGMOID_BACKWARD -> a * b * (1.0 - b);
            case TANH_BACKWARD -> a * (1.0 - b * b);
        };
    }
}

package org.advmusic.engine.backend.cpu;

import java.util.Arrays;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.ScalarFunctions;

/**
 * The inner loops of {@link org.advmusic.engine.Backend#binary} on float arrays, with the meaning of
 * {@link ScalarFunctions#binary}. The arithmetic operations and ReLU's backward, which dominate
 * training, get one tight float loop per operand pattern (the JIT unrolls these, and vectorises the
 * equal-shape loops, whose arrays share one index); the other functions are evaluated by
 * {@link ScalarFunctions#binary} in double precision and rounded once.
 */
final class BinaryLoops {
    private BinaryLoops() {
    }

    /** {@code out[i] = op(a[i], b[i])} for {@code start <= i < end}: operands of the output's shape. */
    static void sameShape(BinaryOp op, float[] a, float[] b, float[] out, int start, int end) {
        switch (op) {
            case ADD -> { for (int i = start; i < end; i++) { out[i] = a[i] + b[i]; } }
            case SUB -> { for (int i = start; i < end; i++) { out[i] = a[i] - b[i]; } }
            case MUL -> { for (int i = start; i < end; i++) { out[i] = a[i] * b[i]; } }
            case DIV -> { for (int i = start; i < end; i++) { out[i] = a[i] / b[i]; } }
            case RELU_BACKWARD -> { for (int i = start; i < end; i++) { out[i] = ReluGate.gate(a[i], b[i]); } }
            default -> { for (int i = start; i < end; i++) { out[i] = apply(op, a[i], b[i]); } }
        }
    }

    /**
     * One row of a broadcast: {@code out[o + i] = op(a[ao + i * aStep], b[bo + i * bStep])} for
     * {@code i < n}, where each step is 1 (the operand varies along the row) or 0 (it is constant).
     */
    static void row(BinaryOp op, float[] a, int ao, int aStep, float[] b, int bo, int bStep, float[] out, int o,
                    int n) {
        if (aStep == 1 && bStep == 1) {
            bothVary(op, a, ao, b, bo, out, o, n);
        } else if (aStep == 1) {
            rightConstant(op, a, ao, b[bo], out, o, n);
        } else if (bStep == 1) {
            leftConstant(op, a[ao], b, bo, out, o, n);
        } else {
            Arrays.fill(out, o, o + n, apply(op, a[ao], b[bo]));
        }
    }

    private static void bothVary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int o, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i] + b[bo + i]; } }
            case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i] - b[bo + i]; } }
            case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i] * b[bo + i]; } }
            case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i] / b[bo + i]; } }
            default -> { for (int i = 0; i < n; i++) { out[o + i] = apply(op, a[ao + i], b[bo + i]); } }
        }
    }

    private static void rightConstant(BinaryOp op, float[] a, int ao, float s, float[] out, int o, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i] + s; } }
            case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i] - s; } }
            case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i] * s; } }
            case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i] / s; } }
            default -> { for (int i = 0; i < n; i++) { out[o + i] = apply(op, a[ao + i], s); } }
        }
    }

    private static void leftConstant(BinaryOp op, float s, float[] b, int bo, float[] out, int o, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = s + b[bo + i]; } }
            case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = s - b[bo + i]; } }
            case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = s * b[bo + i]; } }
            case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = s / b[bo + i]; } }
            default -> { for (int i = 0; i < n; i++) { out[o + i] = apply(op, s, b[bo + i]); } }
        }
    }

    private static float apply(BinaryOp op, float a, float b) {
        return (float) ScalarFunctions.binary(op, a, b);
    }
}

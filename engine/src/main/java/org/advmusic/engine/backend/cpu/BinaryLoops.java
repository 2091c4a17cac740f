package org.advmusic.engine.backend.cpu;

import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.ScalarFunctions;

/**
 * The inner loop of {@link org.advmusic.engine.Backend#binary} on float arrays:
 * {@code out[o + i] = op(a[ao + i * as], b[bo + i * bs])} for {@code i < n}, where each operand
 * step is 1 (the operand varies along the row) or 0 (it is broadcast). One loop per function, with
 * the meaning of {@link ScalarFunctions#binary}.
 */
final class BinaryLoops {
    private BinaryLoops() {
    }

    static void run(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int o, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i * as] + b[bo + i * bs]; } }
            case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i * as] - b[bo + i * bs]; } }
            case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i * as] * b[bo + i * bs]; } }
            case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i * as] / b[bo + i * bs]; } }
            case MAX -> { for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ao + i * as], b[bo + i * bs]); } }
            case MIN -> { for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ao + i * as], b[bo + i * bs]); } }
            case GT -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i * as] > b[bo + i * bs] ? 1f : 0f; } }
            case GE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i * as] >= b[bo + i * bs] ? 1f : 0f; } }
            case LT -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i * as] < b[bo + i * bs] ? 1f : 0f; } }
            case LE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i * as] <= b[bo + i * bs] ? 1f : 0f; } }
            case EQ -> { for (int i = 0; i < n; i++) { out[o + i] = a[ao + i * as] == b[bo + i * bs] ? 1f : 0f; } }
            case RELU_BACKWARD -> { for (int i = 0; i < n; i++) { out[o + i] = b[bo + i * bs] > 0f ? a[ao + i * as] : 0f; } }
            case SIGMOID_BACKWARD -> {
                for (int i = 0; i < n; i++) {
                    float y = b[bo + i * bs];
                    out[o + i] = a[ao + i * as] * y * (1f - y);
                }
            }
            case TANH_BACKWARD -> {
                for (int i = 0; i < n; i++) {
                    float y = b[bo + i * bs];
                    out[o + i] = a[ao + i * as] * (1f - y * y);
                }
            }
        }
    }
}

package org.advmusic.engine.backend.cpu;

import org.advmusic.engine.ScalarFunctions;
import org.advmusic.engine.UnaryOp;

/**
 * The loops of {@link org.advmusic.engine.Backend#unary} on float arrays: one tight loop per
 * function, with the meaning of {@link ScalarFunctions#unary}. Transcendental functions are
 * evaluated in double precision and rounded once. {@code out} may be {@code x}.
 */
final class UnaryLoops {
    private UnaryLoops() {
    }

    /** {@code out[i] = op(x[i]; p, q)} for {@code start <= i < end}. */
    static void run(UnaryOp op, float[] x, float[] out, int start, int end, double p, double q) {
        float pf = (float) p;
        float qf = (float) q;
        switch (op) {
            case NEG -> { for (int i = start; i < end; i++) { out[i] = -x[i]; } }
            case ABS -> { for (int i = start; i < end; i++) { out[i] = Math.abs(x[i]); } }
            case EXP -> { for (int i = start; i < end; i++) { out[i] = (float) Math.exp(x[i]); } }
            case LOG -> { for (int i = start; i < end; i++) { out[i] = (float) Math.log(x[i]); } }
            case SQRT -> { for (int i = start; i < end; i++) { out[i] = (float) Math.sqrt(x[i]); } }
            case SQUARE -> { for (int i = start; i < end; i++) { out[i] = x[i] * x[i]; } }
            case RECIPROCAL -> { for (int i = start; i < end; i++) { out[i] = 1f / x[i]; } }
            case RELU -> { for (int i = start; i < end; i++) { out[i] = x[i] > 0f ? x[i] : 0f; } }
            case SIGMOID -> { for (int i = start; i < end; i++) { out[i] = sigmoid(x[i]); } }
            case TANH -> { for (int i = start; i < end; i++) { out[i] = (float) Math.tanh(x[i]); } }
            case SIGN -> { for (int i = start; i < end; i++) { out[i] = Math.signum(x[i]); } }
            case ROUND -> { for (int i = start; i < end; i++) { out[i] = (float) Math.rint(x[i]); } }
            case POW -> { for (int i = start; i < end; i++) { out[i] = (float) Math.pow(x[i], p); } }
            case AFFINE -> { for (int i = start; i < end; i++) { out[i] = (float) (p * x[i] + q); } }
            case CLAMP -> { for (int i = start; i < end; i++) { out[i] = Math.min(Math.max(x[i], pf), qf); } }
            case INSIDE -> { for (int i = start; i < end; i++) { out[i] = x[i] >= p && x[i] <= q ? 1f : 0f; } }
            case GREATER_THAN -> { for (int i = start; i < end; i++) { out[i] = x[i] > p ? 1f : 0f; } }
        }
    }

    /** The logistic function, evaluated without overflow on either side. */
    private static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }
}

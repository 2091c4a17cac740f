package org.advmusic.engine.backend.cpu;

import org.advmusic.engine.ScalarFunctions;
import org.advmusic.engine.UnaryOp;

/**
 * The loops of {@link org.advmusic.engine.Backend#unary} on float arrays. The cheap functions get
 * their own float loop (which the JIT vectorises); the others are evaluated by
 * {@link ScalarFunctions#unary} in double precision and rounded once. {@code out} may be {@code x}.
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
            case SQUARE -> { for (int i = start; i < end; i++) { out[i] = x[i] * x[i]; } }
            case RELU -> { for (int i = start; i < end; i++) { out[i] = Math.max(x[i], 0f); } } // NaN stays NaN
            case SCALE_SHIFT -> { for (int i = start; i < end; i++) { out[i] = pf * x[i] + qf; } }
            case CLAMP -> { for (int i = start; i < end; i++) { out[i] = Math.min(Math.max(x[i], pf), qf); } }
            default -> { for (int i = start; i < end; i++) { out[i] = (float) ScalarFunctions.unary(op, x[i], p, q); } }
        }
    }
}

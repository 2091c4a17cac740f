package org.advmusic.engine.unrecorded;

import java.util.EnumSet;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Tensor;

/** Elementwise comparisons giving 1 (true) or 0 (false), with broadcasting. Not differentiable. */
public final class Compare {
    private static final EnumSet<BinaryOp> COMPARISONS =
            EnumSet.of(BinaryOp.GT, BinaryOp.GE, BinaryOp.LT, BinaryOp.LE, BinaryOp.EQ);

    private Compare() {
    }

    /** {@code op(a, b)} for one of GT, GE, LT, LE, EQ. */
    public static Tensor apply(BinaryOp op, Tensor a, Tensor b) {
        if (!COMPARISONS.contains(op)) {
            throw new IllegalArgumentException("compare: " + op + " is not a comparison; expected one of " + COMPARISONS);
        }
        return Elementwise.binary(op, a, b);
    }
}

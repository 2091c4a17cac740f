package org.advmusic.engine.unrecorded;

import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;

/** Elementwise sign (-1, 0 or 1). Not differentiable: the result is never part of a graph. */
public final class Sign {
    private Sign() {
    }

    /** {@code sign(x)}, same shape. */
    public static Tensor apply(Tensor x) {
        return Elementwise.unary(UnaryOp.SIGN, x, 0, 0);
    }
}

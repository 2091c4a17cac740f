package org.advmusic.attacks;

import org.advmusic.engine.Tensor;

/** The unit-size step that increases a loss fastest under a norm constraint. */
final class SteepestAscent {
    private SteepestAscent() {
    }

    /**
     * {@code sign(g)} for Linf (the maximiser of {@code <g, d>} over {@code ||d||_inf <= 1}), and
     * {@code g / ||g||_2} per sample for L2 (zero gradients stay zero).
     */
    static Tensor direction(Norm norm, Tensor gradient) {
        return norm == Norm.LINF ? gradient.sign() : PerSample.normalizeL2(gradient);
    }
}

package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;

/**
 * Inverted dropout with a seeded mask: each element is kept with probability {@code 1 - p} and
 * scaled by {@code 1 / (1 - p)}, so the expectation is unchanged. The same seed gives the same mask
 * on every backend.
 */
public final class InvertedDropout extends GradFunction {
    private final Tensor mask;

    private InvertedDropout(Tensor x, Tensor mask) {
        super(x);
        this.mask = mask;
    }

    /** {@code x * mask} with {@code mask = 1[u > p] / (1 - p)}, {@code u} uniform from {@code seed}. */
    public static Tensor apply(Tensor x, double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout: probability is " + p + ", expected within [0, 1)");
        }
        if (p == 0) {
            return x;
        }
        Tensor mask = Tensor.rand(x.backend(), seed, x.shape());
        x.backend().unary(UnaryOp.GREATER_THAN, mask.buffer(), mask.buffer(), mask.size(), p, 0);
        x.backend().unary(UnaryOp.SCALE_SHIFT, mask.buffer(), mask.buffer(), mask.size(), 1.0 / (1.0 - p), 0);
        Tensor out;
        try (var ignored = Autograd.noGrad()) {
            out = x.mul(mask);
        }
        return Autograd.shouldRecord(x) ? out.withGradFunction(new InvertedDropout(x, mask)) : out;
    }

    // d(x m)/dx = m, the saved scaled mask
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        return new Tensor[] {g.mul(mask)};
    }
}

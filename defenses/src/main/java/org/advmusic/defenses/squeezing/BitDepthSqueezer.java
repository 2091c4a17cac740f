package org.advmusic.defenses.squeezing;

import org.advmusic.attacks.InputBox;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.unrecorded.Elementwise;

/**
 * Reduces every element to {@code 2^bits} levels spread over the input box:
 * {@code u = (x - lower) / width}, {@code u' = rint(u (2^bits - 1)) / (2^bits - 1)},
 * {@code x' = lower + u' width} (rounding half to even, like NumPy's {@code rint} in Xu et al.'s code).
 */
public final class BitDepthSqueezer implements Squeezer {
    private final int bits;
    private final InputBox box;

    /** @param bits between 1 and 8 */
    public BitDepthSqueezer(int bits, InputBox box) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("bit-depth squeezer: " + bits + " bits, expected 1 to 8");
        }
        this.bits = bits;
        this.box = box;
    }

    @Override
    public String name() {
        return "bit-depth-" + bits;
    }

    @Override
    public Tensor apply(Tensor x) {
        double levels = (1 << bits) - 1;
        try (var ignored = Autograd.noGrad()) {
            Tensor scaled = x.sub(box.lower()).mul(levels / box.width());
            Tensor rounded = Elementwise.unary(UnaryOp.ROUND, scaled, 0, 0);
            return rounded.mul(box.width() / levels).add(box.lower());
        }
    }
}

package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * Bilinear resizing of every plane of {@code (N, C, H, W)} to {@code (N, C, OH, OW)}, as PyTorch's
 * {@code interpolate(mode='bilinear', align_corners=False)}; used to lift Grad-CAM maps to the input.
 */
public final class UpsampleBilinear extends GradFunction {

    private UpsampleBilinear(Tensor x) {
        super(x);
    }

    /**
     * @param x (N, C, H, W)
     * @return (N, C, outHeight, outWidth)
     */
    public static Tensor apply(Tensor x, int outHeight, int outWidth) {
        x.requireRank("upsampleBilinear", 4, "(batch, channels, height, width)");
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("upsampleBilinear: output size " + outHeight + "x" + outWidth
                    + ", expected positive sizes");
        }
        Tensor out = Tensor.empty(x.backend(), Shape.of(x.dim(0), x.dim(1), outHeight, outWidth));
        x.backend().upsampleBilinear(x.buffer(), x.dim(0) * x.dim(1), x.dim(2), x.dim(3), outHeight, outWidth,
                out.buffer());
        return Autograd.shouldRecord(x) ? out.withGradFunction(new UpsampleBilinear(x)) : out;
    }

    // each output is a fixed weighted sum of four inputs: the gradient flows back with the same weights
    @Override
    protected Tensor[] backward(Tensor g, boolean[] needs) {
        Tensor x = inputs()[0];
        Tensor gradX = Tensor.empty(x.backend(), x.shape());
        x.backend().upsampleBilinearBackward(g.buffer(), x.dim(0) * x.dim(1), x.dim(2), x.dim(3), g.dim(2), g.dim(3),
                gradX.buffer());
        return new Tensor[] {gradX};
    }
}

package org.advmusic.engine.ops;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * 2-D convolution (cross-correlation, as in PyTorch): each sample is unfolded into a
 * {@code (C kh kw, OH OW)} matrix and multiplied by the weight viewed as {@code (K, C kh kw)} (im2col
 * and GEMM). The three products, forward, input gradient and weight gradient, are fused kernels of the
 * backend ({@link FusedKernels#conv2d}, {@link FusedKernels#conv2dInputGradient},
 * {@link FusedKernels#conv2dWeightGradient}): their defaults are exactly those im2col/GEMM/col2im
 * compositions, and a backend may choose another algorithm (Winograd, or the input gradient as a
 * convolution) behind them.
 */
public final class Convolution extends GradFunction {
    private final Conv2dGeometry geometry;

    private Convolution(Tensor x, Tensor weight, Tensor bias, Conv2dGeometry geometry) {
        super(x, weight, bias);
        this.geometry = geometry;
    }

    /**
     * @param x      (N, C, H, W)
     * @param weight (K, C, kh, kw)
     * @param bias   (K), or null
     * @return (N, K, OH, OW) with {@code OH = (H + 2 padH - kh) / strideH + 1}, likewise OW
     */
    public static Tensor apply(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW) {
        Conv2dGeometry g = geometry(x, weight, bias, strideH, strideW, padH, padW);
        Backend backend = x.backend();
        int n = x.dim(0);
        int k = weight.dim(0);
        Tensor out = Tensor.empty(backend, Shape.of(n, k, g.outHeight(), g.outWidth()));
        // (N, C, H, W) -> (N, K, OH, OW), plus the bias per output channel
        backend.fused().conv2d(g, x.buffer(), weight.buffer(), bias == null ? null : bias.buffer(), k, out.buffer(), n);
        return Autograd.shouldRecord(x, weight, bias) ? out.withGradFunction(new Convolution(x, weight, bias, g)) : out;
    }

    /** The geometry of a convolution of x with weight (and bias, if not null), after checking their shapes and backends. */
    static Conv2dGeometry geometry(Tensor x, Tensor weight, Tensor bias, int strideH, int strideW, int padH, int padW) {
        x.requireRank("conv2d", 4, "(batch, channels, height, width)");
        weight.requireRank("conv2d weight", 4, "(out channels, in channels, kernel height, kernel width)");
        x.requireSameBackend("conv2d", weight);
        if (weight.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException("conv2d: input has shape " + x.shape() + " with " + x.dim(1)
                    + " channels but the weight " + weight.shape() + " expects " + weight.dim(1));
        }
        int k = weight.dim(0);
        if (bias != null) {
            if (!bias.shape().equals(Shape.of(k))) {
                throw new IllegalArgumentException("conv2d: bias has shape " + bias.shape() + ", expected (" + k + ",)");
            }
            x.requireSameBackend("conv2d", bias);
        }
        return new Conv2dGeometry(x.dim(1), x.dim(2), x.dim(3), weight.dim(2), weight.dim(3), strideH, strideW, padH,
                padW);
    }

    // Y_n = W col(X_n) + b: dL/dW = sum_n G_n col(X_n)^T, dL/dX_n = col2im(W^T G_n), dL/db = sum of G over n, y, x
    @Override
    protected Tensor[] backward(Tensor gradOut, boolean[] needs) {
        Tensor x = inputs()[0];
        Tensor weight = inputs()[1];
        FusedKernels kernels = x.backend().fused();
        int n = x.dim(0);
        int k = weight.dim(0);
        Tensor gradX = null;
        if (needs[0]) { // (N, K, OH, OW) -> (N, C, H, W)
            gradX = Tensor.empty(x.backend(), x.shape());
            kernels.conv2dInputGradient(geometry, gradOut.buffer(), weight.buffer(), k, gradX.buffer(), n);
        }
        Tensor gradW = null;
        if (needs[1]) { // (N, C, H, W) and (N, K, OH, OW) -> (K, C, kh, kw)
            gradW = Tensor.empty(x.backend(), weight.shape());
            kernels.conv2dWeightGradient(geometry, x.buffer(), gradOut.buffer(), k, gradW.buffer(), n);
        }
        Tensor gradB = needs[2] ? Sum.apply(gradOut, false, 0, 2, 3) : null;
        return new Tensor[] {gradX, gradW, gradB};
    }
}

package org.advmusic.engine.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) by im2col and GEMM: each sample is unfolded into
 * a {@code (C kh kw, OH OW)} matrix and multiplied by the weight viewed as {@code (K, C kh kw)}
 * ({@link Backend#conv2d} forward, which a backend may fuse). Backward, the input gradient of a
 * stride-1 convolution is another convolution (see {@link #inputGradient}); the weight gradient, and the
 * input gradient of strided ones, unfold chunks of samples so the unfolded matrices stay within a fixed
 * scratch size (or a backend packs them straight into its matrix kernel).
 */
public final class Convolution extends GradFunction {
    /** {@link #flippedTransposedIndex} by weight shape, computed once per shape (a network has a handful). */
    private static final Map<Shape, int[]> FLIPPED_TRANSPOSED_INDEX = new ConcurrentHashMap<>();
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
        x.requireRank("conv2d", 4, "(batch, channels, height, width)");
        weight.requireRank("conv2d weight", 4, "(out channels, in channels, kernel height, kernel width)");
        x.requireSameBackend("conv2d", weight);
        if (weight.dim(1) != x.dim(1)) {
            throw new IllegalArgumentException("conv2d: input has shape " + x.shape() + " with " + x.dim(1)
                    + " channels but the weight " + weight.shape() + " expects " + weight.dim(1));
        }
        int k = weight.dim(0);
        if (bias != null && !bias.shape().equals(Shape.of(k))) {
            throw new IllegalArgumentException("conv2d: bias has shape " + bias.shape() + ", expected (" + k + ",)");
        }
        Conv2dGeometry g = new Conv2dGeometry(x.dim(1), x.dim(2), x.dim(3), weight.dim(2), weight.dim(3),
                strideH, strideW, padH, padW);
        Backend backend = x.backend();
        int n = x.dim(0);
        Tensor out = Tensor.empty(backend, Shape.of(n, k, g.outHeight(), g.outWidth()));
        backend.conv2d(g, x.buffer(), weight.buffer(), k, out.buffer(), n);
        if (bias != null) {
            x.requireSameBackend("conv2d", bias);
            backend.binary(BinaryOp.ADD, out.buffer(), out.shape(), bias.buffer(), Shape.of(1, k, 1, 1),
                    out.buffer(), out.shape());
        }
        return Autograd.shouldRecord(x, weight, bias) ? out.withGradFunction(new Convolution(x, weight, bias, g)) : out;
    }

    // Y_n = W col(X_n) + b: dL/dW = sum_n G_n col(X_n)^T, dL/dX_n = col2im(W^T G_n), dL/db = sum of G over n, y, x
    @Override
    protected Tensor[] backward(Tensor gradOut, boolean[] needs) {
        Tensor x = inputs()[0];
        Tensor weight = inputs()[1];
        Tensor gradX = needs[0] ? inputGradient(x, weight, gradOut, geometry) : null;
        Tensor gradW = needs[1] ? weightGradient(x, weight, gradOut, geometry) : null;
        Tensor gradB = needs[2] ? Sum.apply(gradOut, false, 0, 2, 3) : null;
        return new Tensor[] {gradX, gradW, gradB};
    }

    /**
     * dL/dX. With stride 1 and padding below the kernel size it is itself a stride-1 convolution:
     * {@code dX[c, y, x] = sum_k sum_ij G[k, y - i + p, x - j + p] W[k, c, i, j]}, which with
     * {@code i' = kh - 1 - i} reads {@code sum_k sum_i'j' V[c, k, i', j'] G[k, y + i' - p', x + j' - p']} for
     * the kernel {@code V[c, k, i', j'] = W[k, c, kh - 1 - i', kw - 1 - j']} (channels swapped, both spatial
     * axes flipped) and padding {@code p' = kh - 1 - p}; its output is exactly H x W. That runs through
     * {@link Backend#conv2d}, so a backend's fused forward kernel serves the backward too and no unfolded
     * gradient is ever folded back. That product has only C rows, so with fewer input channels than kernel
     * taps (a first layer on a mono spectrogram) the unfolded product's {@code C kh kw} rows suit a matrix
     * kernel better: there, and for other geometries, {@code W^T G_n} is multiplied and folded with col2im.
     */
    private static Tensor inputGradient(Tensor x, Tensor weight, Tensor gradOut, Conv2dGeometry g) {
        Backend backend = x.backend();
        int n = x.dim(0);
        int k = weight.dim(0);
        Tensor gradX = Tensor.empty(backend, x.shape());
        if (g.strideHeight() == 1 && g.strideWidth() == 1 && g.channels() >= g.kernelHeight() * g.kernelWidth()
                && g.padHeight() < g.kernelHeight() && g.padWidth() < g.kernelWidth()) {
            Conv2dGeometry transposed = new Conv2dGeometry(k, g.outHeight(), g.outWidth(), g.kernelHeight(),
                    g.kernelWidth(), 1, 1, g.kernelHeight() - 1 - g.padHeight(), g.kernelWidth() - 1 - g.padWidth());
            DeviceBuffer flipped = backend.allocateUninitialized(weight.size()); // (C, K, kh, kw)
            try {
                backend.gatherRows(weight.buffer(), 1,
                        FLIPPED_TRANSPOSED_INDEX.computeIfAbsent(weight.shape(), Convolution::flippedTransposedIndex), flipped);
                backend.conv2d(transposed, gradOut.buffer(), flipped, g.channels(), gradX.buffer(), n);
            } finally {
                flipped.release();
            }
            return gradX;
        }
        int colSize = g.colRows() * g.colColumns();
        int outPlane = k * g.colColumns();
        int chunk = Backend.convolutionChunk(n, colSize);
        DeviceBuffer col = backend.allocateUninitialized(chunk * colSize);
        try {
            for (int n0 = 0; n0 < n; n0 += chunk) {
                int samples = Math.min(chunk, n - n0);
                // per sample: (C kh kw, K) x (K, OH OW) -> (C kh kw, OH OW), then folded back
                backend.gemm(true, false, g.colRows(), g.colColumns(), k, 1.0, weight.buffer(), 0, 0,
                        gradOut.buffer(), n0 * outPlane, outPlane, 0.0, col, 0, colSize, samples);
                backend.col2im(g, col, 0, gradX.buffer(), n0 * g.inputSize(), samples);
            }
        } finally {
            col.release();
        }
        return gradX;
    }

    /** For each element of V (C, K, kh, kw), the index of W[k, c, kh - 1 - i, kw - 1 - j] in W (K, C, kh, kw). */
    static int[] flippedTransposedIndex(Shape weightShape) {
        int k = weightShape.dim(0);
        int c = weightShape.dim(1);
        int kh = weightShape.dim(2);
        int kw = weightShape.dim(3);
        int[] index = new int[weightShape.size()];
        int v = 0;
        for (int ci = 0; ci < c; ci++) {
            for (int ki = 0; ki < k; ki++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        index[v++] = ((ki * c + ci) * kh + kh - 1 - i) * kw + kw - 1 - j;
                    }
                }
            }
        }
        return index;
    }

    /** dL/dW = sum_n G_n col(X_n)^T: (K, C, kh, kw). */
    private static Tensor weightGradient(Tensor x, Tensor weight, Tensor gradOut, Conv2dGeometry g) {
        Tensor gradW = Tensor.empty(x.backend(), weight.shape());
        x.backend().conv2dWeightGradient(g, x.buffer(), gradOut.buffer(), weight.dim(0), gradW.buffer(), x.dim(0));
        return gradW;
    }
}

package org.advmusic.engine.backend;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.Shape;

/**
 * The input gradient of a stride-1 convolution computed as another stride-1 convolution, for backends
 * whose forward convolution is faster than a matrix product followed by col2im:
 * {@code dX[c, y, x] = sum_k sum_ij G[k, y - i + p, x - j + p] W[k, c, i, j]}, which with
 * {@code i' = kh - 1 - i} reads {@code sum_k sum_i'j' V[c, k, i', j'] G[k, y + i' - p', x + j' - p']} for the
 * kernel {@code V[c, k, i', j'] = W[k, c, kh - 1 - i', kw - 1 - j']} (channels swapped, both spatial axes
 * flipped) and padding {@code p' = kh - 1 - p}; its output is exactly H x W. So a backend's fused forward
 * kernel serves the backward too and no unfolded gradient is ever folded back.
 *
 * <p>It suits layers with at least as many input channels as kernel taps: the product then has C rows;
 * with fewer (a first layer on a mono spectrogram) the unfolded product's {@code C kh kw} rows suit a
 * matrix kernel better, and the composed {@link FusedKernels#conv2dInputGradient} is used. Each instance
 * keeps the flipped-kernel index per weight shape (a network has a handful).
 */
public final class FlippedKernelGradient {
    private final Map<Shape, int[]> flippedIndex = new ConcurrentHashMap<>();

    /** Whether {@code g} suits this algorithm: stride 1, padding below the kernel size, channels >= kernel taps. */
    public static boolean suits(Conv2dGeometry g) {
        return g.strideHeight() == 1 && g.strideWidth() == 1 && g.channels() >= g.kernelHeight() * g.kernelWidth()
                && g.padHeight() < g.kernelHeight() && g.padWidth() < g.kernelWidth();
    }

    /**
     * Overwrites {@code gradX (batch, channels, height, width)} with the input gradient of
     * {@code kernels.conv2d}, computed by {@code kernels.conv2d} of {@code gradOut} with the flipped
     * kernel. Call only when {@link #suits} {@code g}.
     */
    public void inputGradient(FusedKernels kernels, Conv2dGeometry g, DeviceBuffer gradOut, DeviceBuffer weight,
                              int outChannels, DeviceBuffer gradX, int batch) {
        Backend b = kernels.primitives();
        Shape weightShape = Shape.of(outChannels, g.channels(), g.kernelHeight(), g.kernelWidth());
        Conv2dGeometry transposed = transposed(g, outChannels);
        DeviceBuffer flipped = b.allocateUninitialized(weightShape.size()); // (C, K, kh, kw)
        try {
            b.gatherRows(weight, 1, flippedIndex.computeIfAbsent(weightShape, FlippedKernelGradient::index), flipped);
            kernels.conv2d(transposed, gradOut, flipped, null, g.channels(), gradX, batch);
        } finally {
            flipped.release();
        }
    }

    /**
     * The geometry of the convolution that computes the input gradient of {@code g} (whose output has
     * {@code outChannels} channels): {@code outChannels} input channels of {@code OH x OW}, the same kernel
     * size, stride 1, padding {@code kh - 1 - p}; its output has {@code g}'s input channels and size.
     */
    public static Conv2dGeometry transposed(Conv2dGeometry g, int outChannels) {
        return new Conv2dGeometry(outChannels, g.outHeight(), g.outWidth(), g.kernelHeight(), g.kernelWidth(), 1, 1,
                g.kernelHeight() - 1 - g.padHeight(), g.kernelWidth() - 1 - g.padWidth());
    }

    /** For each element of V (C, K, kh, kw), the index of W[k, c, kh - 1 - i, kw - 1 - j] in W (K, C, kh, kw). */
    static int[] index(Shape weightShape) {
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
}

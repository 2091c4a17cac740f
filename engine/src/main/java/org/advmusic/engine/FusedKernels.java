package org.advmusic.engine;

/**
 * The second layer of the backend contract: computations that a backend may run as fused kernels of
 * its own. Each default method is the readable composition of {@link Backend} primitives, which is
 * also the meaning every fused kernel must reproduce (parity tests compare the two); a backend that
 * fuses returns its own implementation from {@link Backend#fused()}, overriding some methods, and the
 * others need not know this interface exists.
 *
 * <p>The conventions are {@link Backend}'s: buffers of {@link #primitives()}, row-major and contiguous.
 */
@FunctionalInterface
public interface FusedKernels {
    /** Upper bound on the elements of one scratch buffer of a convolution (several samples share it). */
    int CONVOLUTION_SCRATCH_ELEMENTS = 1 << 22;

    /** The backend whose buffers these kernels take, and whose primitives the defaults compose. */
    Backend primitives();

    /**
     * How many of {@code batch} samples of {@code perSample} scratch elements each one chunk of a
     * convolution handles: as many as fit in {@link #CONVOLUTION_SCRATCH_ELEMENTS}, at least one.
     */
    static int convolutionChunk(int batch, int perSample) {
        return Math.max(1, Math.min(batch, CONVOLUTION_SCRATCH_ELEMENTS / Math.max(1, perSample)));
    }

    // ---------------------------------------------------------------- convolution

    /**
     * The forward convolution of {@code batch} samples as one matrix product each:
     * {@code out_n (outChannels, colColumns) = weight (outChannels, colRows) x im2col(x_n)} for every
     * sample {@code x_n} of {@code x (batch, channels, height, width)} (see {@link Conv2dGeometry}), plus
     * {@code bias[k]} on every element of output channel k when {@code bias (outChannels)} is not null;
     * overwrites {@code out (batch, outChannels, outHeight, outWidth)}.
     *
     * <p>The default unfolds chunks of samples with {@link Backend#im2col} into a scratch buffer, multiplies
     * them with one batched {@link Backend#gemm} per chunk, then adds the bias with {@link Backend#binary}
     * (broadcast over samples and positions); a fused kernel adds it as it writes the output, the same
     * float addition one pass over the output fewer.
     */
    default void conv2d(Conv2dGeometry g, DeviceBuffer x, DeviceBuffer weight, DeviceBuffer bias, int outChannels,
                        DeviceBuffer out, int batch) {
        Backend b = primitives();
        int colSize = g.colRows() * g.colColumns();
        int outPlane = outChannels * g.colColumns();
        int chunk = convolutionChunk(batch, colSize);
        DeviceBuffer col = b.allocateUninitialized(chunk * colSize);
        try {
            for (int n0 = 0; n0 < batch; n0 += chunk) {
                int samples = Math.min(chunk, batch - n0);
                b.im2col(g, x, n0 * g.inputSize(), col, 0, samples);
                // per sample: (K, C kh kw) x (C kh kw, OH OW) -> (K, OH OW); the weight is shared (stride 0)
                b.gemm(false, false, outChannels, g.colColumns(), g.colRows(), 1.0, weight, 0, 0,
                        col, 0, colSize, 0.0, out, n0 * outPlane, outPlane, samples);
            }
        } finally {
            col.release();
        }
        if (bias != null) {
            addChannelBias(b, out, bias, batch, outChannels, g.colColumns());
        }
    }

    /** {@code out[n, k, s] += bias[k]} for {@code out (batch, channels, spatial)}, with {@link Backend#binary}. */
    private static void addChannelBias(Backend b, DeviceBuffer out, DeviceBuffer bias, int batch, int channels, int spatial) {
        Shape layout = Shape.of(batch, channels, spatial);
        b.binary(BinaryOp.ADD, out, layout, bias, Shape.of(1, channels, 1), out, layout);
    }

    /**
     * {@link #conv2d} followed by a per-channel affine map and, when {@code rectified}, a rectifier: {@code out[n, k]
     * = max((conv2d(x, weight)[n, k] + bias[k]) scale[k] + shift[k], 0)} ({@code bias} may be null); {@code scale}
     * and {@code shift} are {@code (outChannels)}; overwrites {@code out (batch, outChannels, outHeight, outWidth)}.
     * A convolution followed by batch normalisation with fixed statistics (and a ReLU).
     *
     * <p>The default is {@link #conv2d} and then {@link #channelAffine} (or {@link #rectifiedChannelAffine}) in
     * place; a fused kernel applies the map as it writes the output, the same bits one pass fewer.
     */
    default void normalizedConv2d(Conv2dGeometry g, DeviceBuffer x, DeviceBuffer weight, DeviceBuffer bias,
                                  DeviceBuffer scale, DeviceBuffer shift, boolean rectified, int outChannels,
                                  DeviceBuffer out, int batch) {
        conv2d(g, x, weight, bias, outChannels, out, batch);
        if (rectified) {
            rectifiedChannelAffine(out, batch, outChannels, g.colColumns(), scale, shift, out);
        } else {
            channelAffine(out, batch, outChannels, g.colColumns(), scale, shift, out);
        }
    }

    /**
     * The input gradient of {@link #conv2d}: overwrites {@code gradX (batch, channels, height, width)} with
     * {@code col2im(weight^T (colRows, outChannels) x gradOut_n (outChannels, colColumns))} for every sample.
     *
     * <p>The default multiplies chunks of samples with one batched {@link Backend#gemm} into a scratch
     * buffer and folds them back with {@link Backend#col2im}.
     */
    default void conv2dInputGradient(Conv2dGeometry g, DeviceBuffer gradOut, DeviceBuffer weight, int outChannels,
                                     DeviceBuffer gradX, int batch) {
        Backend b = primitives();
        int colSize = g.colRows() * g.colColumns();
        int outPlane = outChannels * g.colColumns();
        int chunk = convolutionChunk(batch, colSize);
        DeviceBuffer col = b.allocateUninitialized(chunk * colSize);
        try {
            for (int n0 = 0; n0 < batch; n0 += chunk) {
                int samples = Math.min(chunk, batch - n0);
                // per sample: (C kh kw, K) x (K, OH OW) -> (C kh kw, OH OW), then folded back
                b.gemm(true, false, g.colRows(), g.colColumns(), outChannels, 1.0, weight, 0, 0,
                        gradOut, n0 * outPlane, outPlane, 0.0, col, 0, colSize, samples);
                b.col2im(g, col, 0, gradX, n0 * g.inputSize(), samples);
            }
        } finally {
            col.release();
        }
    }

    /**
     * The weight gradient of {@link #conv2d}: overwrites {@code gradWeight (outChannels, colRows)} with
     * {@code sum_n gradOut_n (outChannels, colColumns) x im2col(x_n)^T} over the {@code batch} samples of
     * {@code x (batch, channels, height, width)} and {@code gradOut (batch, outChannels, outHeight, outWidth)}.
     *
     * <p>The default unfolds chunks of samples with {@link Backend#im2col} into a scratch buffer and
     * accumulates one {@link Backend#gemm} per sample.
     */
    default void conv2dWeightGradient(Conv2dGeometry g, DeviceBuffer x, DeviceBuffer gradOut, int outChannels,
                                      DeviceBuffer gradWeight, int batch) {
        Backend b = primitives();
        int colSize = g.colRows() * g.colColumns();
        int outPlane = outChannels * g.colColumns();
        int chunk = convolutionChunk(batch, colSize);
        b.fill(gradWeight, 0);
        DeviceBuffer col = b.allocateUninitialized(chunk * colSize);
        try {
            for (int n0 = 0; n0 < batch; n0 += chunk) {
                int samples = Math.min(chunk, batch - n0);
                b.im2col(g, x, n0 * g.inputSize(), col, 0, samples);
                for (int t = 0; t < samples; t++) {
                    // (K, OH OW) x (OH OW, C kh kw) accumulated into (K, C kh kw)
                    b.gemm(false, true, outChannels, g.colRows(), g.colColumns(), 1.0, gradOut, (n0 + t) * outPlane, 0,
                            col, t * colSize, 0, 1.0, gradWeight, 0, 0, 1);
                }
            }
        } finally {
            col.release();
        }
    }

    // ---------------------------------------------------------------- batch normalisation

    /**
     * A per-channel affine map of {@code x (batch, channels, spatial)}:
     * {@code out[n, c, s] = x[n, c, s] * scale[c] + shift[c]}, with no shift when {@code shift} is
     * null; {@code scale} and {@code shift} are {@code (channels)}; overwrites {@code out} (the shape
     * of x). Batch normalisation's forward pass and its input gradient with fixed statistics.
     *
     * <p>The default multiplies and adds with {@link Backend#binary}, broadcasting the per-channel vectors.
     */
    default void channelAffine(DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer scale,
                               DeviceBuffer shift, DeviceBuffer out) {
        Backend b = primitives();
        Shape layout = Shape.of(batch, channels, spatial);
        Shape perChannel = Shape.of(1, channels, 1);
        b.binary(BinaryOp.MUL, x, layout, scale, perChannel, out, layout);
        if (shift != null) {
            b.binary(BinaryOp.ADD, out, layout, shift, perChannel, out, layout);
        }
    }

    /**
     * {@link #channelAffine} followed by a rectifier: {@code out[n, c, s] = max(x[n, c, s] * scale[c]
     * + shift[c], 0)} (NaN stays NaN, as {@link UnaryOp#RELU}); overwrites {@code out}. Batch
     * normalisation followed by a ReLU.
     *
     * <p>The default is {@link #channelAffine} and then {@link Backend#unary} RELU in place.
     */
    default void rectifiedChannelAffine(DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer scale,
                                        DeviceBuffer shift, DeviceBuffer out) {
        channelAffine(x, batch, channels, spatial, scale, shift, out);
        primitives().unary(UnaryOp.RELU, out, out, batch * channels * spatial, 0, 0);
    }

    /**
     * The input gradient of {@link #rectifiedChannelAffine} with fixed coefficients:
     * {@code out[n, c, s] = (output[n, c, s] > 0 ? gradOut[n, c, s] : 0) * scale[c]}, where {@code output}
     * is the rectified forward result (positive exactly where the rectifier passed its input); overwrites
     * {@code out}.
     *
     * <p>The default is {@link Backend#binary} RELU_BACKWARD into {@code out} and then {@link #channelAffine}
     * in place.
     */
    default void rectifiedChannelScale(DeviceBuffer gradOut, DeviceBuffer output, int batch, int channels,
                                       int spatial, DeviceBuffer scale, DeviceBuffer out) {
        Shape layout = Shape.of(batch, channels, spatial);
        primitives().binary(BinaryOp.RELU_BACKWARD, gradOut, layout, output, layout, out, layout);
        channelAffine(out, batch, channels, spatial, scale, null, out);
    }

    /**
     * The per-channel sums of batch normalisation's backward pass over the batch and spatial axes of
     * {@code gradOut} and {@code x (batch, channels, spatial)}: {@code sumGrad[c] = sum gradOut[n, c, s]}
     * and {@code sumGradCentered[c] = sum gradOut[n, c, s] * (x[n, c, s] - mean[c])}; {@code mean},
     * {@code sumGrad} and {@code sumGradCentered} are {@code (channels)}; overwrites the two sums (zero
     * when there are no values to add).
     *
     * <p>The default forms {@code gradOut * (x - mean)} in a temporary buffer with {@link Backend#binary}
     * and adds with {@link Backend#reduce}, over the spatial axis and then over the batch.
     */
    default void batchNormGradientSums(DeviceBuffer gradOut, DeviceBuffer x, DeviceBuffer mean, int batch,
                                       int channels, int spatial, DeviceBuffer sumGrad,
                                       DeviceBuffer sumGradCentered) {
        Backend b = primitives();
        if (batch == 0 || spatial == 0) {
            b.fill(sumGrad, 0);
            b.fill(sumGradCentered, 0);
            return;
        }
        Shape layout = Shape.of(batch, channels, spatial);
        DeviceBuffer product = b.allocateUninitialized(layout.size());
        DeviceBuffer perSample = b.allocateUninitialized(batch * channels);
        try {
            b.binary(BinaryOp.SUB, x, layout, mean, Shape.of(1, channels, 1), product, layout);
            b.binary(BinaryOp.MUL, gradOut, layout, product, layout, product, layout);
            // (N, C, S) -> (N, C) -> (C), for each of the two quantities
            b.reduce(ReduceOp.SUM, gradOut, batch * channels, spatial, 1, perSample);
            b.reduce(ReduceOp.SUM, perSample, 1, batch, channels, sumGrad);
            b.reduce(ReduceOp.SUM, product, batch * channels, spatial, 1, perSample);
            b.reduce(ReduceOp.SUM, perSample, 1, batch, channels, sumGradCentered);
        } finally {
            perSample.release();
            product.release();
        }
    }

    /**
     * Two per-channel affine maps added: {@code out[n, c, s] = a[n, c, s] * aScale[c]
     * + b[n, c, s] * bScale[c] + shift[c]} for {@code a} and {@code b (batch, channels, spatial)} and
     * {@code (channels)} coefficients; overwrites {@code out} (the same shape). Batch normalisation's
     * input gradient with batch statistics.
     *
     * <p>The default is two {@link #channelAffine} calls (one into a temporary buffer) and one
     * {@link Backend#binary} addition.
     */
    default void channelLinearCombination(DeviceBuffer a, DeviceBuffer b, int batch, int channels, int spatial,
                                          DeviceBuffer aScale, DeviceBuffer bScale, DeviceBuffer shift,
                                          DeviceBuffer out) {
        Shape layout = Shape.of(batch, channels, spatial);
        DeviceBuffer bTerm = primitives().allocateUninitialized(layout.size());
        try {
            channelAffine(b, batch, channels, spatial, bScale, null, bTerm);
            channelAffine(a, batch, channels, spatial, aScale, shift, out);
            primitives().binary(BinaryOp.ADD, out, layout, bTerm, layout, out, layout);
        } finally {
            bTerm.release();
        }
    }

    // ---------------------------------------------------------------- power spectrogram

    /**
     * The power short-time Fourier transform of {@code batch} signals {@code signal (batch, length)}
     * (frames, window and padding from {@code plan}): {@code spectrum (batch, 2, bins, frames)} receives
     * the real parts (first plane) and imaginary parts (second plane) of the one-sided DFT of every
     * windowed frame, {@code X[k] = sum_j w[j] x[t hop + j - pad] e^(-2 pi i k j / n)}, and
     * {@code power (batch, bins, frames)} receives {@code |X[k]|^2}; both overwritten.
     *
     * <p>The default is {@link StftByMatrixProduct}: framing by {@link Backend#im2col}, one batched
     * {@link Backend#gemm} with the windowed DFT basis, squares summed with {@link Backend#binary} and
     * {@link Backend#reduce} (the CUDA path). The reference backend runs the plain DFT in float64, the
     * CPU backend an FFT.
     */
    default void powerStft(StftPlan plan, int length, DeviceBuffer signal, DeviceBuffer spectrum, DeviceBuffer power,
                           int batch) {
        StftByMatrixProduct.forward(primitives(), plan, length, signal, spectrum, power, batch);
    }

    /**
     * The exact adjoint of {@link #powerStft} applied to {@code gradPower (batch, bins, frames)}, given
     * the forward pass's {@code spectrum (batch, 2, bins, frames)}: overwrites
     * {@code gradSignal (batch, length)} with
     * {@code sum_{t, k} gradPower[k, t] 2 (re[k, t] dre[k, t]/dx + im[k, t] dim[k, t]/dx)}.
     *
     * <p>The default is {@link StftByMatrixProduct}'s transposed products and {@link Backend#col2im}
     * (the adjoint of framing).
     */
    default void powerStftBackward(StftPlan plan, int length, DeviceBuffer spectrum, DeviceBuffer gradPower,
                                   DeviceBuffer gradSignal, int batch) {
        StftByMatrixProduct.backward(primitives(), plan, length, spectrum, gradPower, gradSignal, batch);
    }

    /**
     * A constant projection of the power STFT of {@code batch} signals {@code signal (batch, length)}:
     * overwrites {@code out (batch, rows, frames)} with {@code projection (rows, bins) x power (bins, frames)}
     * for every signal, where {@code power} is {@link #powerStft}'s. {@code spectrum} ({@code batch 2 bins
     * frames} floats) receives what {@link #projectedPowerStftBackward} of the same kernels reads back, in a
     * layout of their own (the default: {@link #powerStft}'s {@code (batch, 2, bins, frames)}).
     *
     * <p>The default is {@link #powerStft} into a temporary power buffer and one batched {@link Backend#gemm}
     * with the projection shared (stride 0). The CPU backend projects each frame's power as it is
     * computed, multiplying only the band of non-zero columns of each projection row (a mel filterbank has
     * about two non-zeros per column).
     */
    default void projectedPowerStft(StftPlan plan, int length, DeviceBuffer signal, DeviceBuffer projection, int rows,
                                    DeviceBuffer spectrum, DeviceBuffer out, int batch) {
        Backend b = primitives();
        int bins = plan.bins();
        int frames = plan.frames(length);
        DeviceBuffer power = b.allocateUninitialized(batch * bins * frames);
        try {
            powerStft(plan, length, signal, spectrum, power, batch);
            // per signal: (rows, bins) x (bins, frames) -> (rows, frames)
            b.gemm(false, false, rows, frames, bins, 1.0, projection, 0, 0, power, 0, bins * frames, 0.0, out, 0,
                    rows * frames, batch);
        } finally {
            power.release();
        }
    }

    /**
     * The input gradient of {@link #projectedPowerStft} for {@code gradOut (batch, rows, frames)}, given the
     * {@code spectrum} its forward pass wrote: overwrites {@code gradSignal (batch, length)} with the
     * {@link #powerStftBackward} adjoint applied to {@code projection^T (bins, rows) x gradOut (rows, frames)}.
     *
     * <p>The default is one batched {@link Backend#gemm} into a temporary power gradient and
     * {@link #powerStftBackward}.
     */
    default void projectedPowerStftBackward(StftPlan plan, int length, DeviceBuffer projection, int rows,
                                            DeviceBuffer spectrum, DeviceBuffer gradOut, DeviceBuffer gradSignal,
                                            int batch) {
        Backend b = primitives();
        int bins = plan.bins();
        int frames = plan.frames(length);
        DeviceBuffer gradPower = b.allocateUninitialized(batch * bins * frames);
        try {
            // per signal: (rows, bins)^T x (rows, frames) -> (bins, frames)
            b.gemm(true, false, bins, frames, rows, 1.0, projection, 0, 0, gradOut, 0, rows * frames, 0.0, gradPower,
                    0, bins * frames, batch);
            powerStftBackward(plan, length, spectrum, gradPower, gradSignal, batch);
        } finally {
            gradPower.release();
        }
    }
}

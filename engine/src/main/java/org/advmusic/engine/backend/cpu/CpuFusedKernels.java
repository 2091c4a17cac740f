package org.advmusic.engine.backend.cpu;

import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.Shape;
import org.advmusic.engine.StftPlan;
import org.advmusic.engine.backend.FlippedKernelGradient;

/**
 * The CPU backend's fused kernels: convolutions that pack the unfolded input straight into the GEMM
 * kernel's layout (or run Winograd's F(4x4, 3x3)), the input gradient of stride-1 convolutions with
 * enough channels as a convolution with the flipped kernel ({@link FlippedKernelGradient}), the
 * batch-norm passes as one loop each, and the power STFT and its adjoint by JTransforms' real FFT
 * ({@link StftLoops}), also with a projection of each frame's power through its non-zero bands
 * ({@link BandedRows}). Each matches the composed default of {@link FusedKernels} (the
 * parity tests compare them); like the backend, each result depends on the shapes only, not on the
 * thread count.
 */
final class CpuFusedKernels implements FusedKernels {
    private final CpuBackend backend;
    private final GemmDriver gemm;
    /** Null when Winograd is off or the Vector API is absent. */
    private final WinogradConvolution winograd;
    private final FlippedKernelGradient flippedKernel = new FlippedKernelGradient();
    /** Whether the Vector API module is present, for the loops that have a vector version ({@link VectorReluGate}). */
    private final boolean vectorLoops = GemmKernels.vectorModulePresent();

    CpuFusedKernels(CpuBackend backend, GemmDriver gemm, WinogradConvolution winograd) {
        this.backend = backend;
        this.gemm = gemm;
        this.winograd = winograd;
    }

    @Override
    public CpuBackend primitives() {
        return backend;
    }

    /**
     * Stride-1 3x3 convolutions with at least {@value WinogradConvolution#MINIMUM_CHANNELS} channels in and
     * out run Winograd's F(4x4, 3x3) ({@link WinogradConvolution}) when the Vector API module is present;
     * the others pack each sample's im2col
     * matrix straight into the GEMM kernel's layout (no unfolded copy in memory). Winograd adds the bias as
     * it writes the output tiles; the others add it afterwards with the backend's broadcasting addition.
     */
    @Override
    public void conv2d(Conv2dGeometry g, DeviceBuffer x, DeviceBuffer weight, DeviceBuffer bias, int outChannels,
                       DeviceBuffer out, int batch) {
        float[] xv = backend.f(x, "conv2d");
        float[] w = backend.f(weight, "conv2d");
        float[] b = bias == null ? null : backend.f(bias, "conv2d");
        float[] o = backend.f(out, "conv2d");
        int outPlane = outChannels * g.colColumns();
        CpuBackend.checkLength("conv2d input", xv.length, batch * g.inputSize());
        CpuBackend.checkLength("conv2d weight", w.length, outChannels * g.colRows());
        if (b != null) {
            CpuBackend.checkLength("conv2d bias", b.length, outChannels);
        }
        CpuBackend.checkLength("conv2d output", o.length, batch * outPlane);
        if (winograd != null && WinogradConvolution.applies(g, outChannels)) {
            winograd.forward(g, xv, w, false, b, null, outChannels, o, batch);
            return;
        }
        DenseMatrix weights = new DenseMatrix(w, 0, outChannels, g.colRows(), false);
        // per sample: (K, C kh kw) x (C kh kw, OH OW) -> (K, OH OW)
        gemm.multiply(batch, t -> weights, t -> new Im2colMatrix(g, xv, t * g.inputSize()), outChannels,
                g.colColumns(), g.colRows(), 1f, 0f, o, 0, outPlane);
        if (bias != null) {
            Shape layout = Shape.of(batch, outChannels, g.colColumns());
            backend.binary(BinaryOp.ADD, out, layout, bias, Shape.of(1, outChannels, 1), out, layout);
        }
    }

    /**
     * Winograd convolutions apply the affine map and the rectifier as they write their output tiles
     * ({@link WinogradConvolution}); the others are the composed default.
     */
    @Override
    public void normalizedConv2d(Conv2dGeometry g, DeviceBuffer x, DeviceBuffer weight, DeviceBuffer bias,
                                 DeviceBuffer scale, DeviceBuffer shift, boolean rectified, int outChannels,
                                 DeviceBuffer out, int batch) {
        if (winograd == null || !WinogradConvolution.applies(g, outChannels)) {
            FusedKernels.super.normalizedConv2d(g, x, weight, bias, scale, shift, rectified, outChannels, out, batch);
            return;
        }
        String op = "normalizedConv2d";
        float[] xv = backend.f(x, op);
        float[] w = backend.f(weight, op);
        float[] b = bias == null ? null : backend.f(bias, op);
        float[] a = backend.f(scale, op);
        float[] c = backend.f(shift, op);
        float[] o = backend.f(out, op);
        CpuBackend.checkLength(op + " input", xv.length, batch * g.inputSize());
        CpuBackend.checkLength(op + " weight", w.length, outChannels * g.colRows());
        checkLengths(op, "per-channel", outChannels, b, a, c);
        CpuBackend.checkLength(op + " output", o.length, batch * outChannels * g.colColumns());
        winograd.forward(g, xv, w, false, b, new WinogradConvolution.ChannelMap(a, c, rectified), outChannels, o,
                batch);
    }

    /**
     * Computed transposed, {@code dW^T (C kh kw, K) = sum_n im2col(x_n) (C kh kw, OH OW) x G_n^T (OH OW, K)},
     * so the unfolded input is packed on the fly as the left operand (its many rows fill the kernel's tiles)
     * and the output gradient is read in place. Chunks of samples get one product each, in parallel, and the
     * products are summed in sample order, so the result does not depend on the thread count. Stride-1
     * 3x3 convolutions with enough channels run Winograd's F(4x4, 3x3) backwards instead.
     */
    @Override
    public void conv2dWeightGradient(Conv2dGeometry g, DeviceBuffer x, DeviceBuffer gradOut, int outChannels,
                                     DeviceBuffer gradWeight, int batch) {
        float[] xv = backend.f(x, "conv2dWeightGradient");
        float[] go = backend.f(gradOut, "conv2dWeightGradient");
        float[] gw = backend.f(gradWeight, "conv2dWeightGradient");
        int rows = g.colRows();
        int perSample = rows * outChannels;
        int outPlane = outChannels * g.colColumns();
        CpuBackend.checkLength("conv2dWeightGradient input", xv.length, batch * g.inputSize());
        CpuBackend.checkLength("conv2dWeightGradient output gradient", go.length, batch * outPlane);
        CpuBackend.checkLength("conv2dWeightGradient weight gradient", gw.length, perSample);
        if (winograd != null && WinogradConvolution.applies(g, outChannels)) {
            winograd.weightGradient(g, xv, go, outChannels, gw, batch);
            return;
        }
        int chunk = FusedKernels.convolutionChunk(batch, perSample);
        DeviceBuffer productsBuffer = backend.allocateUninitialized(chunk * perSample);
        DeviceBuffer sumBuffer = backend.allocate(perSample);
        float[] products = backend.f(productsBuffer, "conv2dWeightGradient");
        float[] sum = backend.f(sumBuffer, "conv2dWeightGradient"); // (C kh kw, K)
        try {
            for (int n0 = 0; n0 < batch; n0 += chunk) {
                int first = n0;
                int samples = Math.min(chunk, batch - n0);
                gemm.multiply(samples, t -> new Im2colMatrix(g, xv, (first + t) * g.inputSize()),
                        t -> new DenseMatrix(go, (first + t) * outPlane, g.colColumns(), outChannels, true),
                        rows, outChannels, g.colColumns(), 1f, 0f, products, 0, perSample);
                backend.forEachItem(perSample, samples, (start, end) -> {
                    for (int t = 0; t < samples; t++) {
                        for (int i = start; i < end; i++) {
                            sum[i] += products[t * perSample + i];
                        }
                    }
                });
            }
            // (C kh kw, K) -> (K, C kh kw)
            backend.forEach(outChannels, rows, k -> {
                for (int r = 0; r < rows; r++) {
                    gw[k * rows + r] = sum[r * outChannels + k];
                }
            });
        } finally {
            productsBuffer.release();
            sumBuffer.release();
        }
    }

    /**
     * With stride 1, padding below the kernel size and at least as many input channels as kernel taps, a
     * convolution of the output gradient with the flipped kernel ({@link FlippedKernelGradient}), which runs
     * on the Winograd kernels (which flip the kernel as they transform it) or the packed forward kernel;
     * otherwise the composed GEMM and col2im.
     */
    @Override
    public void conv2dInputGradient(Conv2dGeometry g, DeviceBuffer gradOut, DeviceBuffer weight, int outChannels,
                                    DeviceBuffer gradX, int batch) {
        Conv2dGeometry transposed = FlippedKernelGradient.suits(g) ? FlippedKernelGradient.transposed(g, outChannels)
                : null;
        if (transposed != null && winograd != null && WinogradConvolution.applies(transposed, g.channels())) {
            // the flipped kernel read in place by the kernel transform (cached while the weights are unchanged)
            float[] go = backend.f(gradOut, "conv2dInputGradient");
            float[] w = backend.f(weight, "conv2dInputGradient");
            float[] gx = backend.f(gradX, "conv2dInputGradient");
            CpuBackend.checkLength("conv2dInputGradient output gradient", go.length,
                    batch * outChannels * g.colColumns());
            CpuBackend.checkLength("conv2dInputGradient weight", w.length, outChannels * g.colRows());
            CpuBackend.checkLength("conv2dInputGradient input gradient", gx.length, batch * g.inputSize());
            winograd.forward(transposed, go, w, true, null, null, g.channels(), gx, batch);
        } else if (transposed != null) {
            flippedKernel.inputGradient(this, g, gradOut, weight, outChannels, gradX, batch);
        } else {
            FusedKernels.super.conv2dInputGradient(g, gradOut, weight, outChannels, gradX, batch);
        }
    }

    @Override
    public void channelAffine(DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer scale,
                              DeviceBuffer shift, DeviceBuffer out) {
        channelAffine("channelAffine", x, batch, channels, spatial, scale, shift, out, false);
    }

    @Override
    public void rectifiedChannelAffine(DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer scale,
                                       DeviceBuffer shift, DeviceBuffer out) {
        channelAffine("rectifiedChannelAffine", x, batch, channels, spatial, scale, shift, out, true);
    }

    /** {@code out = x * scale[c] + shift[c]}, then {@code max(out, 0)} when {@code rectified}; shift may be null. */
    private void channelAffine(String op, DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer scale,
                               DeviceBuffer shift, DeviceBuffer out, boolean rectified) {
        float[] s = backend.f(x, op);
        float[] a = backend.f(scale, op);
        float[] b = shift == null ? null : backend.f(shift, op);
        float[] o = backend.f(out, op);
        checkChannelLayout(op, batch, channels, spatial, s, o);
        checkLengths(op, "per-channel", channels, a, b);
        if (rectified) {
            forEachChannelRow(batch, channels, spatial, (c, start, end) ->
                    BatchNormLoops.rectifiedAffine(s, a[c], b == null ? 0f : b[c], o, start, end));
        } else if (b == null) {
            forEachChannelRow(batch, channels, spatial, (c, start, end) -> BatchNormLoops.scale(s, a[c], o, start, end));
        } else {
            forEachChannelRow(batch, channels, spatial,
                    (c, start, end) -> BatchNormLoops.affine(s, a[c], b[c], o, start, end));
        }
    }

    @Override
    public void rectifiedChannelScale(DeviceBuffer gradOut, DeviceBuffer output, int batch, int channels,
                                      int spatial, DeviceBuffer scale, DeviceBuffer out) {
        String op = "rectifiedChannelScale";
        float[] g = backend.f(gradOut, op);
        float[] y = backend.f(output, op);
        float[] a = backend.f(scale, op);
        float[] o = backend.f(out, op);
        checkChannelLayout(op, batch, channels, spatial, g, y, o);
        checkLengths(op, "per-channel", channels, a);
        if (vectorLoops) {
            backend.forEachItem(batch * channels, spatial,
                    (r0, r1) -> VectorReluGate.rectifiedScale(g, y, a, o, channels, spatial, r0, r1));
        } else {
            forEachChannelRow(batch, channels, spatial,
                    (c, start, end) -> BatchNormLoops.rectifiedScale(g, y, a[c], o, start, end));
        }
    }

    @Override
    public void batchNormGradientSums(DeviceBuffer gradOut, DeviceBuffer x, DeviceBuffer mean, int batch,
                                      int channels, int spatial, DeviceBuffer sumGrad, DeviceBuffer sumGradCentered) {
        String op = "batchNormGradientSums";
        float[] g = backend.f(gradOut, op);
        float[] s = backend.f(x, op);
        float[] m = backend.f(mean, op);
        float[] sg = backend.f(sumGrad, op);
        float[] sgc = backend.f(sumGradCentered, op);
        checkChannelLayout(op, batch, channels, spatial, g, s);
        checkLengths(op, "per-channel", channels, m, sg, sgc);
        backend.forEach(channels, batch * spatial,
                c -> BatchNormLoops.gradientSums(g, s, m, batch, channels, spatial, c, sg, sgc));
    }

    @Override
    public void channelLinearCombination(DeviceBuffer a, DeviceBuffer b, int batch, int channels, int spatial,
                                         DeviceBuffer aScale, DeviceBuffer bScale, DeviceBuffer shift,
                                         DeviceBuffer out) {
        String op = "channelLinearCombination";
        float[] av = backend.f(a, op);
        float[] bv = backend.f(b, op);
        float[] p = backend.f(aScale, op);
        float[] q = backend.f(bScale, op);
        float[] r = backend.f(shift, op);
        float[] o = backend.f(out, op);
        checkChannelLayout(op, batch, channels, spatial, av, bv, o);
        checkLengths(op, "per-channel", channels, p, q, r);
        forEachChannelRow(batch, channels, spatial,
                (c, start, end) -> BatchNormLoops.linearCombination(av, p[c], bv, q[c], r[c], o, start, end));
    }

    /** Runs {@code body} on every row of {@code (batch, channels, spatial)}, in parallel when large. */
    private void forEachChannelRow(int batch, int channels, int spatial, BatchNormLoops.RowBody body) {
        backend.forEachItem(batch * channels, spatial,
                (r0, r1) -> BatchNormLoops.forEachRow(channels, spatial, r0, r1, body));
    }

    /** Throws unless every array (null ones skipped) holds {@code expected} elements, naming its {@code layout}. */
    private static void checkLengths(String operation, String layout, long expected, float[]... arrays) {
        for (float[] array : arrays) {
            if (array != null && array.length != expected) {
                throw new IllegalArgumentException(operation + ": a " + layout + " buffer has " + array.length
                        + " elements, expected " + expected);
            }
        }
    }

    /** Throws unless every array holds {@code (batch, channels, spatial)} elements. */
    private static void checkChannelLayout(String operation, int batch, int channels, int spatial, float[]... arrays) {
        checkLengths(operation, "(" + batch + ", " + channels + ", " + spatial + ")", (long) batch * channels * spatial,
                arrays);
    }

    /** The power STFT by JTransforms' real FFT, O(n log n) per frame ({@link StftLoops}), frames in parallel. */
    @Override
    public void powerStft(StftPlan plan, int length, DeviceBuffer signal, DeviceBuffer spectrum, DeviceBuffer power,
                          int batch) {
        float[] x = backend.f(signal, "powerStft");
        float[] s = backend.f(spectrum, "powerStft");
        float[] p = backend.f(power, "powerStft");
        StftLoops loops = new StftLoops(plan, length);
        backend.forEachItem(batch * loops.frames(), plan.frameLength() * 8,
                (start, end) -> loops.forward(x, s, p, start, end));
    }

    /** The adjoint by inverse real FFTs ({@link StftLoops}), signals in parallel. */
    @Override
    public void powerStftBackward(StftPlan plan, int length, DeviceBuffer spectrum, DeviceBuffer gradPower,
                                  DeviceBuffer gradSignal, int batch) {
        float[] s = backend.f(spectrum, "powerStftBackward");
        float[] g = backend.f(gradPower, "powerStftBackward");
        float[] gx = backend.f(gradSignal, "powerStftBackward");
        StftLoops loops = new StftLoops(plan, length);
        backend.forEachItem(batch, loops.frames() * plan.frameLength() * 8,
                (start, end) -> loops.backward(s, g, gx, start, end));
    }

    /**
     * The projected power STFT frame by frame ({@link StftLoops#projectedForward}): each frame's power goes
     * straight through the projection's non-zero bands ({@link BandedRows}), frames in parallel.
     */
    @Override
    public void projectedPowerStft(StftPlan plan, int length, DeviceBuffer signal, DeviceBuffer projection, int rows,
                                   DeviceBuffer spectrum, DeviceBuffer out, int batch) {
        float[] x = backend.f(signal, "projectedPowerStft");
        BandedRows bands = new BandedRows(backend.f(projection, "projectedPowerStft"), rows, plan.bins());
        float[] s = backend.f(spectrum, "projectedPowerStft");
        float[] o = backend.f(out, "projectedPowerStft");
        StftLoops loops = new StftLoops(plan, length);
        checkProjectedStftLengths("projectedPowerStft", plan, loops, batch, length, rows, x, s, o);
        backend.forEachItem(batch * loops.frames(), plan.frameLength() * 8,
                (start, end) -> loops.projectedForward(x, bands, s, o, start, end));
    }

    /** The adjoint by the projection's transposed bands and inverse real FFTs ({@link StftLoops}), signals in parallel. */
    @Override
    public void projectedPowerStftBackward(StftPlan plan, int length, DeviceBuffer projection, int rows,
                                           DeviceBuffer spectrum, DeviceBuffer gradOut, DeviceBuffer gradSignal,
                                           int batch) {
        BandedRows bands = new BandedRows(backend.f(projection, "projectedPowerStftBackward"), rows, plan.bins());
        float[] s = backend.f(spectrum, "projectedPowerStftBackward");
        float[] g = backend.f(gradOut, "projectedPowerStftBackward");
        float[] gx = backend.f(gradSignal, "projectedPowerStftBackward");
        StftLoops loops = new StftLoops(plan, length);
        checkProjectedStftLengths("projectedPowerStftBackward", plan, loops, batch, length, rows, gx, s, g);
        backend.forEachItem(batch, loops.frames() * plan.frameLength() * 8,
                (start, end) -> loops.projectedBackward(bands, s, g, gx, start, end));
    }

    /**
     * Throws unless {@code signal} holds (batch, length), {@code spectrum} (batch, frames, bins, 2) and
     * {@code projected} (batch, rows, frames) elements.
     */
    private static void checkProjectedStftLengths(String operation, StftPlan plan, StftLoops loops, int batch,
                                                  int length, int rows, float[] signal, float[] spectrum,
                                                  float[] projected) {
        int frames = loops.frames();
        checkLengths(operation, "(" + batch + ", " + length + ")", (long) batch * length, signal);
        checkLengths(operation, "spectrum (" + batch + ", " + frames + ", " + plan.bins() + ", 2)",
                (long) batch * frames * 2 * plan.bins(), spectrum);
        checkLengths(operation, "(" + batch + ", " + rows + ", " + frames + ")", (long) batch * rows * frames, projected);
    }
}

package org.advmusic.engine;

import java.util.Optional;

/**
 * The primitives every backend provides on its own {@link DeviceBuffer}s: the first layer of the
 * backend contract. Differentiable operations are written only against these and the second layer,
 * {@link FusedKernels} ({@link #fused()}), whose defaults are compositions of these primitives, so
 * they run on every backend.
 *
 * <p>Conventions: all buffers passed to one call belong to this backend; arrays are row-major and
 * contiguous; lengths and offsets are in elements; an output may be the same buffer as an input of an
 * elementwise primitive ({@link #unary}, {@link #binary} with equal shapes, {@link #where}), never of
 * the others. Implementations are found through {@link java.util.ServiceLoader} and chosen by
 * {@link Backends}.
 */
public interface Backend {

    /** Short name used on the command line and in {@code ADVMUSIC_DEVICE}: "reference", "cpu", "cuda". */
    String name();

    /** The element type of every buffer of this backend. */
    DType dtype();

    /** Under {@code auto}, the available backend with the highest priority is chosen. */
    int autoPriority();

    /** Empty when this backend can run here, else the reason it cannot (no driver, no device, ...). */
    Optional<String> unavailableReason();

    /**
     * This backend set up by {@code options}: itself when the settings that concern it are its own (and
     * for a backend without settings), else a new instance. Called by {@link Backends#get(String,
     * BackendOptions)}, which keeps one instance per name and options.
     */
    default Backend withOptions(BackendOptions options) {
        return this;
    }

    /**
     * The fused kernels of this backend: by default the readable compositions of this backend's
     * primitives ({@link FusedKernels}'s default methods); a backend that fuses returns its own.
     */
    default FusedKernels fused() {
        return () -> this;
    }

    /** Waits until all work queued on this backend has finished (a no-op on the CPU). */
    default void synchronize() {
    }

    // ---------------------------------------------------------------- memory

    /** A new zero-filled buffer of {@code length} elements, owned by no scope. */
    DeviceBuffer allocate(int length);

    /**
     * A new buffer of {@code length} elements whose contents are unspecified (recycled memory may
     * hold old values), for outputs that are overwritten completely.
     */
    default DeviceBuffer allocateUninitialized(int length) {
        return allocate(length);
    }

    /** Buffers of this backend allocated and not yet released (for leak checks in tests). */
    long liveBuffers();

    /** A new buffer with the given values converted to {@link #dtype()}. */
    DeviceBuffer upload(double[] values);

    /** A new buffer with the given values converted to {@link #dtype()}. */
    DeviceBuffer upload(float[] values);

    /** Copies the whole buffer into {@code dst}, whose length must equal the buffer's. */
    void download(DeviceBuffer src, double[] dst);

    /** Copies the whole buffer into {@code dst}, whose length must equal the buffer's. */
    void download(DeviceBuffer src, float[] dst);

    /** {@code dst[dstOffset + i] = src[srcOffset + i]} for {@code i < length}. */
    void copy(DeviceBuffer src, int srcOffset, DeviceBuffer dst, int dstOffset, int length);

    /**
     * Copies a {@code rows x columns} block between two row-strided layouts:
     * {@code dst[dstOffset + r * dstRowStride + c] = src[srcOffset + r * srcRowStride + c]}.
     * Used for concatenation, narrowing and their gradients.
     */
    void copy2d(DeviceBuffer src, int srcOffset, int srcRowStride, DeviceBuffer dst, int dstOffset, int dstRowStride,
                int rows, int columns);

    /** Row {@code r} of {@code dst} (rows of {@code rowLength}) = row {@code rows[r]} of {@code src}. */
    void gatherRows(DeviceBuffer src, int rowLength, int[] rows, DeviceBuffer dst);

    /** Row {@code rows[r]} of {@code dst} = row {@code r} of {@code src}; the other rows are unchanged. */
    void scatterRows(DeviceBuffer src, int rowLength, int[] rows, DeviceBuffer dst);

    /** Sets every element to {@code value}. */
    void fill(DeviceBuffer dst, double value);

    /**
     * Fills with pseudo-random numbers from the counter-based generator {@link CounterRandom}:
     * element {@code i} depends only on {@code (seed, i)}, so every backend and every thread count
     * produce the same values (up to the dtype's rounding).
     *
     * @param a lower bound (uniform) or mean (normal)
     * @param b upper bound (uniform) or standard deviation (normal)
     */
    void fillRandom(DeviceBuffer dst, RandomDistribution distribution, long seed, double a, double b);

    // ---------------------------------------------------------------- elementwise

    /** {@code out[i] = op(x[i]; p, q)} for {@code i < length}. */
    void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int length, double p, double q);

    /**
     * {@code out = op(a, b)} with NumPy broadcasting of {@code aShape} and {@code bShape} to
     * {@code outShape}: normally {@link Shape#broadcast} of the two, but any shape both broadcast to
     * is allowed (which expands, e.g. a gradient back to an input's shape).
     */
    void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape, DeviceBuffer out, Shape outShape);

    /** {@code out[i] = condition[i] != 0 ? a[i] : b[i]} for {@code i < length}. */
    void where(DeviceBuffer condition, DeviceBuffer a, DeviceBuffer b, DeviceBuffer out, int length);

    // ---------------------------------------------------------------- reductions and layout

    /**
     * Reduces the middle axis of {@code x} viewed as {@code (outer, n, inner)} into
     * {@code out (outer, inner)}. {@code n} must be at least 1.
     */
    void reduce(ReduceOp op, DeviceBuffer x, int outer, int n, int inner, DeviceBuffer out);

    /**
     * Writes {@code x} (of {@code shape}) with its axes reordered: output axis {@code i} is input
     * axis {@code axes[i]}.
     */
    void permute(DeviceBuffer x, Shape shape, int[] axes, DeviceBuffer out);

    // ---------------------------------------------------------------- matrix products

    /**
     * Batched row-major GEMM: for {@code t < batch},
     * {@code C_t (m x n) = alpha * op(A_t) (m x k) * op(B_t) (k x n) + beta * C_t}, where
     * {@code A_t} starts at {@code aOffset + t * strideA} and is stored {@code m x k}, or {@code k x m}
     * when {@code transA}; likewise {@code B_t} is {@code k x n}, or {@code n x k} when {@code transB};
     * {@code C_t} starts at {@code cOffset + t * strideC}. A stride of 0 shares one matrix across the
     * batch (not allowed for C). When {@code beta == 0} the old contents of C are ignored (NaN-safe).
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
              DeviceBuffer a, int aOffset, int strideA, DeviceBuffer b, int bOffset, int strideB,
              double beta, DeviceBuffer c, int cOffset, int strideC, int batch);

    /** One row-major GEMM of whole buffers: {@code C = alpha op(A) op(B) + beta C}. */
    default void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      DeviceBuffer a, DeviceBuffer b, double beta, DeviceBuffer c) {
        gemm(transA, transB, m, n, k, alpha, a, 0, 0, b, 0, 0, beta, c, 0, 0, 1);
    }

    // ---------------------------------------------------------------- softmax family

    /**
     * Softmax (or its logarithm when {@code log}) along the middle axis of {@code x} viewed as
     * {@code (outer, n, inner)}, computed stably (the maximum is subtracted first).
     */
    void softmax(DeviceBuffer x, int outer, int n, int inner, DeviceBuffer out, boolean log);

    /**
     * Fused softmax and cross-entropy over the rows of {@code logits (rows, classes)}:
     * {@code probabilities = softmax(logits)} and {@code losses[r] = -log softmax(logits)[r, labels[r]]}.
     * {@code labels} holds class indices as values of the backend's dtype; they must lie in range.
     */
    void softmaxCrossEntropy(DeviceBuffer logits, DeviceBuffer labels, int rows, int classes,
                             DeviceBuffer probabilities, DeviceBuffer losses);

    /**
     * The fused backward: {@code gradLogits[r, c] = gradLosses[r] * (probabilities[r, c] - [c == labels[r]])}.
     */
    void softmaxCrossEntropyBackward(DeviceBuffer probabilities, DeviceBuffer labels, DeviceBuffer gradLosses,
                                     int rows, int classes, DeviceBuffer gradLogits);

    // ---------------------------------------------------------------- convolution and pooling

    /**
     * Unfolds {@code samples} consecutive samples of {@code x}, starting at element {@code xOffset},
     * into {@code samples} consecutive {@code (colRows, colColumns)} matrices starting at
     * {@code colOffset} (see {@link Conv2dGeometry}); padding reads as zero.
     */
    void im2col(Conv2dGeometry g, DeviceBuffer x, int xOffset, DeviceBuffer col, int colOffset, int samples);

    /**
     * The adjoint of {@link #im2col}: overwrites the {@code samples} samples of {@code x} at
     * {@code xOffset} with the sums of the column entries that read each input element.
     */
    void col2im(Conv2dGeometry g, DeviceBuffer col, int colOffset, DeviceBuffer x, int xOffset, int samples);

    /**
     * Max pooling: {@code out (batch, channels, outH, outW)}; {@code argmax} receives, for every output
     * element, the index {@code y * width + x} of the chosen input element within its plane (first
     * maximum in row-major window order), as a value of the backend's dtype.
     */
    void maxPool2d(Pool2dGeometry g, DeviceBuffer x, DeviceBuffer out, DeviceBuffer argmax);

    /** Overwrites {@code gradIn (batch, channels, height, width)} with {@code gradOut} routed to the argmax positions. */
    void maxPool2dBackward(Pool2dGeometry g, DeviceBuffer gradOut, DeviceBuffer argmax, DeviceBuffer gradIn);

    /** Average pooling, dividing by the full window size. */
    void avgPool2d(Pool2dGeometry g, DeviceBuffer x, DeviceBuffer out);

    /** Overwrites {@code gradIn} with the adjoint of {@link #avgPool2d} applied to {@code gradOut}. */
    void avgPool2dBackward(Pool2dGeometry g, DeviceBuffer gradOut, DeviceBuffer gradIn);

    /**
     * Per-channel mean and biased variance of {@code x (batch, channels, spatial)}, over the batch
     * and spatial axes: {@code mean (channels)}, {@code variance (channels)}.
     */
    void batchNormStatistics(DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer mean,
                             DeviceBuffer variance);

    /**
     * Bilinear resizing of {@code planes} planes of {@code inHeight x inWidth} to
     * {@code outHeight x outWidth} with PyTorch's {@code align_corners=False} sampling
     * (source coordinate {@code (dst + 0.5) * in / out - 0.5}, clamped at 0).
     */
    void upsampleBilinear(DeviceBuffer x, int planes, int inHeight, int inWidth, int outHeight, int outWidth,
                          DeviceBuffer out);

    /** Overwrites {@code gradIn} with the adjoint of {@link #upsampleBilinear} applied to {@code gradOut}. */
    void upsampleBilinearBackward(DeviceBuffer gradOut, int planes, int inHeight, int inWidth, int outHeight,
                                  int outWidth, DeviceBuffer gradIn);
}

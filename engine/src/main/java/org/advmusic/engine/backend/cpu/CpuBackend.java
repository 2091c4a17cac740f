package org.advmusic.engine.backend.cpu;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BackendOptions;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.DType;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.Pool2dGeometry;
import org.advmusic.engine.RandomDistribution;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.UnaryOp;

/**
 * The fast float32 CPU backend. Matrix products run on a register-blocked Vector API kernel
 * ({@link VectorGemmKernel}) when {@code --add-modules jdk.incubator.vector} is given, else on a
 * plain-Java kernel; stride-1 3x3 convolutions with enough channels run Winograd's F(4x4, 3x3) (with
 * the Vector API; {@link BackendOptions#winograd} turns it off), the other
 * convolutions pack their im2col matrix straight into the kernel's layout; the
 * other heavy loops are split across threads over samples, channels, planes, rows or ranges of
 * elements, while small inputs stay on the calling thread.
 *
 * <p>Settings come from a {@link BackendOptions} value: the thread count, the GEMM kernel
 * ({@code vector} or {@code plain} can be forced) and Winograd on or off. Every result is computed with
 * a fixed order of operations that depends on the shapes (and the GEMM kernel) only, so a run is
 * bit-identical for a given seed, whatever the thread count. Released buffers are recycled by an
 * {@link ArrayRecycler}.
 */
public final class CpuBackend implements Backend {
    /** Elements below which an elementwise loop stays on one thread (and the smallest slice per thread). */
    static final int PARALLEL_ELEMENTS = 1 << 15;

    private final ArrayRecycler recycler;
    private final ParallelExecutor executor;
    private final GemmDriver gemm;
    private final WinogradConvolution winograd;
    private final BackendOptions options;
    private final CpuFusedKernels fused;

    /** The backend with {@link BackendOptions#defaults()}: a thread per processor, the best kernels. */
    public CpuBackend() {
        this(BackendOptions.defaults());
    }

    /** A backend with its own pool of {@code threads} threads (the caller counts as one), otherwise the defaults. */
    public CpuBackend(int threads) {
        this(BackendOptions.defaults().withThreads(threads));
    }

    /** A backend set up by {@code options} (thread count, GEMM kernel, Winograd). */
    public CpuBackend(BackendOptions options) {
        this(new ParallelExecutor(options.resolvedThreads()), GemmKernels.named(options.cpuGemm()), options);
    }

    /** A backend on a given executor and kernel (tests share executors), with Winograd. */
    CpuBackend(ParallelExecutor executor, GemmKernel kernel) {
        this(executor, kernel, ArrayRecycler.sizedForHeap());
    }

    /** {@link #CpuBackend(ParallelExecutor, GemmKernel)} with its own recycler (tests of its capacity). */
    CpuBackend(ParallelExecutor executor, GemmKernel kernel, ArrayRecycler recycler) {
        this(executor, kernel, BackendOptions.defaults().withThreads(executor.threads())
                .withCpuGemm(kernel instanceof PlainGemmKernel ? "plain" : "vector"), recycler);
    }

    private CpuBackend(ParallelExecutor executor, GemmKernel kernel, BackendOptions options) {
        this(executor, kernel, options, ArrayRecycler.sizedForHeap());
    }

    private CpuBackend(ParallelExecutor executor, GemmKernel kernel, BackendOptions options, ArrayRecycler recycler) {
        this.recycler = recycler;
        this.options = options;
        this.executor = executor;
        this.gemm = new GemmDriver(kernel, executor);
        // its tile transforms run on the Vector API
        this.winograd = options.winograd() && GemmKernels.vectorModulePresent()
                ? new WinogradConvolution(this, kernel, executor) : null;
        this.fused = new CpuFusedKernels(this, gemm, winograd);
    }

    /** The convolutions and batch-norm passes as fused loops ({@link CpuFusedKernels}). */
    @Override
    public FusedKernels fused() {
        return fused;
    }

    /** This backend when the cpu settings of {@code options} are its own, else a new one set up by them. */
    @Override
    public Backend withOptions(BackendOptions options) {
        boolean same = options.resolvedThreads() == threads() && options.cpuGemm().equals(this.options.cpuGemm())
                && options.winograd() == this.options.winograd();
        return same ? this : new CpuBackend(options);
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    /** Chosen by {@code auto} when no GPU backend is available. */
    @Override
    public int autoPriority() {
        return 10;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** Number of threads that run this backend's loops. */
    public int threads() {
        return executor.threads();
    }

    /** Name of the matrix-product kernel in use, for logs and benchmark tables. */
    public String gemmKernelName() {
        return gemm.kernel().name();
    }

    @Override
    public String toString() {
        return "cpu backend (" + threads() + " threads, " + gemmKernelName() + " GEMM)";
    }

    float[] f(DeviceBuffer b, String operation) {
        if (!(b instanceof FloatArrayBuffer fb) || b.backend() != this) {
            throw new IllegalArgumentException(operation + ": buffer belongs to the " + b.backend().name()
                    + " backend, expected this cpu backend");
        }
        return fb.array(operation);
    }

    /** Runs {@code body} over ranges of {@code count} items of {@code itemSize} elements, in parallel when large. */
    void forEachItem(int count, int itemSize, ParallelExecutor.RangeBody body) {
        executor.forEachRange(count, Math.max(1, PARALLEL_ELEMENTS / Math.max(1, itemSize)), body);
    }

    /** Runs {@code body} for each of {@code count} items of {@code itemSize} elements, in parallel when large. */
    void forEach(int count, int itemSize, IntConsumer body) {
        forEachItem(count, itemSize, (start, end) -> {
            for (int i = start; i < end; i++) {
                body.accept(i);
            }
        });
    }

    // ---------------------------------------------------------------- memory

    @Override
    public DeviceBuffer allocate(int length) {
        return new FloatArrayBuffer(this, recycler.zeros(length), recycler);
    }

    @Override
    public DeviceBuffer allocateUninitialized(int length) {
        return new FloatArrayBuffer(this, recycler.uninitialized(length), recycler);
    }

    @Override
    public long liveBuffers() {
        return recycler.liveBuffers();
    }

    /**
     * Floats this backend has allocated on the Java heap so far because no released array of the length
     * asked for was at hand: flat over the steps of a steady-state loop (a training step, an attack step),
     * where every buffer is recycled. For tests and benchmarks that check it stays so.
     */
    public long freshlyAllocatedFloats() {
        return recycler.freshElements();
    }

    @Override
    public DeviceBuffer upload(double[] values) {
        float[] v = recycler.uninitialized(values.length);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values[i];
        }
        return new FloatArrayBuffer(this, v, recycler);
    }

    @Override
    public DeviceBuffer upload(float[] values) {
        float[] v = recycler.uninitialized(values.length);
        System.arraycopy(values, 0, v, 0, v.length);
        return new FloatArrayBuffer(this, v, recycler);
    }

    @Override
    public void download(DeviceBuffer src, double[] dst) {
        float[] s = f(src, "download");
        checkLength("download", s.length, dst.length);
        for (int i = 0; i < s.length; i++) {
            dst[i] = s[i];
        }
    }

    @Override
    public void download(DeviceBuffer src, float[] dst) {
        float[] s = f(src, "download");
        checkLength("download", s.length, dst.length);
        System.arraycopy(s, 0, dst, 0, s.length);
    }

    static void checkLength(String operation, int have, int want) {
        if (have != want) {
            throw new IllegalArgumentException(operation + ": buffer has " + have + " elements, destination " + want);
        }
    }

    @Override
    public void copy(DeviceBuffer src, int srcOffset, DeviceBuffer dst, int dstOffset, int length) {
        System.arraycopy(f(src, "copy"), srcOffset, f(dst, "copy"), dstOffset, length);
    }

    @Override
    public void copy2d(DeviceBuffer src, int srcOffset, int srcRowStride, DeviceBuffer dst, int dstOffset,
                       int dstRowStride, int rows, int columns) {
        float[] s = f(src, "copy2d");
        float[] t = f(dst, "copy2d");
        forEachItem(rows, columns, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                System.arraycopy(s, srcOffset + r * srcRowStride, t, dstOffset + r * dstRowStride, columns);
            }
        });
    }

    @Override
    public void gatherRows(DeviceBuffer src, int rowLength, int[] rows, DeviceBuffer dst) {
        float[] s = f(src, "gatherRows");
        float[] t = f(dst, "gatherRows");
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(s, rows[r] * rowLength, t, r * rowLength, rowLength);
        }
    }

    @Override
    public void scatterRows(DeviceBuffer src, int rowLength, int[] rows, DeviceBuffer dst) {
        float[] s = f(src, "scatterRows");
        float[] t = f(dst, "scatterRows");
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(s, r * rowLength, t, rows[r] * rowLength, rowLength);
        }
    }

    @Override
    public void fill(DeviceBuffer dst, double value) {
        float[] t = f(dst, "fill");
        forEachItem(t.length, 1, (s, e) -> Arrays.fill(t, s, e, (float) value));
    }

    @Override
    public void fillRandom(DeviceBuffer dst, RandomDistribution distribution, long seed, double a, double b) {
        float[] t = f(dst, "fillRandom");
        boolean uniform = distribution == RandomDistribution.UNIFORM;
        forEachItem(t.length, 1, (s, e) -> {
            for (int i = s; i < e; i++) {
                t[i] = (float) (uniform ? a + (b - a) * CounterRandom.uniform(seed, i)
                        : a + b * CounterRandom.normal(seed, i));
            }
        });
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int length, double p, double q) {
        float[] s = f(x, "unary");
        float[] t = f(out, "unary");
        forEachItem(length, 1, (start, end) -> UnaryLoops.run(op, s, t, start, end, p, q));
    }

    @Override
    public void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape, DeviceBuffer out,
                       Shape outShape) {
        float[] av = f(a, "binary");
        float[] bv = f(b, "binary");
        float[] o = f(out, "binary");
        BroadcastPlan plan = new BroadcastPlan(aShape, bShape, outShape);
        forEachItem(plan.size(), 1, (start, end) -> plan.run(op, av, bv, o, start, end));
    }

    @Override
    public void where(DeviceBuffer condition, DeviceBuffer a, DeviceBuffer b, DeviceBuffer out, int length) {
        float[] c = f(condition, "where");
        float[] av = f(a, "where");
        float[] bv = f(b, "where");
        float[] o = f(out, "where");
        forEachItem(length, 1, (start, end) -> {
            for (int i = start; i < end; i++) {
                o[i] = c[i] != 0f ? av[i] : bv[i];
            }
        });
    }

    // ---------------------------------------------------------------- reductions and layout

    @Override
    public void reduce(ReduceOp op, DeviceBuffer x, int outer, int n, int inner, DeviceBuffer out) {
        if (n < 1) {
            throw new IllegalArgumentException("reduce: the reduced axis has " + n + " elements, expected >= 1");
        }
        float[] s = f(x, "reduce");
        float[] o = f(out, "reduce");
        if (inner == 1 && op == ReduceOp.SUM && n >= 2 * ReductionLoops.SUM_BLOCK) {
            sumLongRows(s, outer, n, o);
            return;
        }
        if (inner == 1) {
            forEachItem(outer, n, (r0, r1) -> ReductionLoops.rows(op, s, n, o, r0, r1));
            return;
        }
        // outputs [start, end) of (outer, inner), grouped by outer index
        forEachItem(outer * inner, n, (start, end) -> {
            for (int i = start / inner; i * inner < end; i++) {
                int k0 = Math.max(start - i * inner, 0);
                int k1 = Math.min(end - i * inner, inner);
                ReductionLoops.columns(op, s, n, inner, i, k0, k1, o);
            }
        });
    }

    /** Sums of rows too long for one thread: block sums in parallel, then added in order per row. */
    private void sumLongRows(float[] x, int rows, int n, float[] out) {
        int blocksPerRow = (n + ReductionLoops.SUM_BLOCK - 1) / ReductionLoops.SUM_BLOCK;
        double[] sums = new double[rows * blocksPerRow];
        forEach(rows * blocksPerRow, ReductionLoops.SUM_BLOCK,
                t -> sums[t] = ReductionLoops.rowBlockSum(x, n, t / blocksPerRow, t % blocksPerRow));
        for (int row = 0; row < rows; row++) {
            double total = 0;
            for (int block = 0; block < blocksPerRow; block++) {
                total += sums[row * blocksPerRow + block];
            }
            out[row] = (float) total;
        }
    }

    @Override
    public void permute(DeviceBuffer x, Shape shape, int[] axes, DeviceBuffer out) {
        float[] s = f(x, "permute");
        float[] o = f(out, "permute");
        PermuteLoops loops = new PermuteLoops(shape, axes);
        forEachItem(loops.rows(), loops.rowLength(), (r0, r1) -> loops.run(s, o, r0, r1));
    }

    // ---------------------------------------------------------------- matrix products

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     DeviceBuffer a, int aOffset, int strideA, DeviceBuffer b, int bOffset, int strideB,
                     double beta, DeviceBuffer c, int cOffset, int strideC, int batch) {
        float[] av = f(a, "gemm");
        float[] bv = f(b, "gemm");
        float[] cv = f(c, "gemm");
        if (m < 0 || n < 0 || k < 0 || batch < 0) {
            throw new IllegalArgumentException("gemm: sizes m " + m + ", n " + n + ", k " + k + ", batch " + batch
                    + "; expected all >= 0");
        }
        if (batch > 1 && strideC == 0 && m * n > 0) {
            throw new IllegalArgumentException("gemm: C has stride 0 in a batch of " + batch
                    + "; only A and B may be shared");
        }
        checkMatrices("A", av.length, aOffset, strideA, (long) m * k, batch);
        checkMatrices("B", bv.length, bOffset, strideB, (long) k * n, batch);
        checkMatrices("C", cv.length, cOffset, strideC, (long) m * n, batch);
        gemm.multiply(batch, t -> new DenseMatrix(av, aOffset + t * strideA, m, k, transA),
                t -> new DenseMatrix(bv, bOffset + t * strideB, k, n, transB), m, n, k, (float) alpha, (float) beta,
                cv, cOffset, strideC);
    }

    /** Checks that {@code batch} matrices of {@code size} elements at {@code offset + t * stride} fit the buffer. */
    private static void checkMatrices(String name, int length, int offset, int stride, long size, int batch) {
        long end = batch == 0 || size == 0 ? offset : offset + (long) (batch - 1) * stride + size;
        if (offset < 0 || stride < 0 || end > length) {
            throw new IllegalArgumentException("gemm: " + name + " has offset " + offset + ", stride " + stride
                    + " and " + batch + " matrices of " + size + " elements, ending at " + end
                    + ", but its buffer holds " + length);
        }
    }

    // ---------------------------------------------------------------- softmax family

    @Override
    public void softmax(DeviceBuffer x, int outer, int n, int inner, DeviceBuffer out, boolean log) {
        float[] s = f(x, "softmax");
        float[] o = f(out, "softmax");
        // line (i, k) of the (outer, inner) lines starts at i * n * inner + k
        forEach(outer * inner, n,
                line -> SoftmaxLoops.line(s, line / inner * n * inner + line % inner, n, inner, o, log));
    }

    @Override
    public void softmaxCrossEntropy(DeviceBuffer logits, DeviceBuffer labels, int rows, int classes,
                                    DeviceBuffer probabilities, DeviceBuffer losses) {
        float[] z = f(logits, "softmaxCrossEntropy");
        int[] y = labelIndices("softmaxCrossEntropy", f(labels, "softmaxCrossEntropy"), rows, classes);
        float[] p = f(probabilities, "softmaxCrossEntropy");
        float[] l = f(losses, "softmaxCrossEntropy");
        forEach(rows, classes, r -> l[r] = SoftmaxLoops.crossEntropyRow(z, r * classes, classes, y[r], p));
    }

    @Override
    public void softmaxCrossEntropyBackward(DeviceBuffer probabilities, DeviceBuffer labels, DeviceBuffer gradLosses,
                                            int rows, int classes, DeviceBuffer gradLogits) {
        float[] p = f(probabilities, "softmaxCrossEntropyBackward");
        int[] y = labelIndices("softmaxCrossEntropyBackward", f(labels, "softmaxCrossEntropyBackward"), rows, classes);
        float[] g = f(gradLosses, "softmaxCrossEntropyBackward");
        float[] o = f(gradLogits, "softmaxCrossEntropyBackward");
        forEach(rows, classes, r -> SoftmaxLoops.crossEntropyBackwardRow(p, r * classes, classes, y[r], g[r], o));
    }

    /** The labels as class indices, each checked to lie in {@code [0, classes)}. */
    private static int[] labelIndices(String operation, float[] labels, int rows, int classes) {
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = (int) labels[r];
            if (y[r] != labels[r] || y[r] < 0 || y[r] >= classes) {
                throw new IllegalArgumentException(operation + ": label " + labels[r] + " of row " + r
                        + " is not a class index in [0, " + classes + ")");
            }
        }
        return y;
    }

    // ---------------------------------------------------------------- convolution and pooling

    @Override
    public void im2col(Conv2dGeometry g, DeviceBuffer x, int xOffset, DeviceBuffer col, int colOffset, int samples) {
        float[] s = f(x, "im2col");
        float[] o = f(col, "im2col");
        int channels = g.channels();
        int colSize = g.colRows() * g.colColumns();
        // one task per (sample, channel): its kh * kw rows of the unfolded matrix
        forEach(samples * channels, colSize / channels, t -> ConvolutionLoops.im2colChannel(g, s,
                xOffset + t / channels * g.inputSize(), t % channels, o, colOffset + t / channels * colSize));
    }

    @Override
    public void col2im(Conv2dGeometry g, DeviceBuffer col, int colOffset, DeviceBuffer x, int xOffset, int samples) {
        float[] s = f(col, "col2im");
        float[] o = f(x, "col2im");
        int channels = g.channels();
        int colSize = g.colRows() * g.colColumns();
        // one task per (sample, channel): its plane of x
        forEach(samples * channels, colSize / channels, t -> ConvolutionLoops.col2imChannel(g, s,
                colOffset + t / channels * colSize, t % channels, o, xOffset + t / channels * g.inputSize()));
    }

    @Override
    public void maxPool2d(Pool2dGeometry g, DeviceBuffer x, DeviceBuffer out, DeviceBuffer argmax) {
        float[] s = f(x, "maxPool2d");
        float[] o = f(out, "maxPool2d");
        float[] am = f(argmax, "maxPool2d");
        PoolingLoops loops = new PoolingLoops(g);
        forEach(g.planes(), g.height() * g.width(), p -> loops.maxPlane(s, o, am, p));
    }

    @Override
    public void maxPool2dBackward(Pool2dGeometry g, DeviceBuffer gradOut, DeviceBuffer argmax, DeviceBuffer gradIn) {
        float[] go = f(gradOut, "maxPool2dBackward");
        float[] am = f(argmax, "maxPool2dBackward");
        float[] gi = f(gradIn, "maxPool2dBackward");
        PoolingLoops loops = new PoolingLoops(g);
        forEach(g.planes(), g.height() * g.width(), p -> loops.maxBackwardPlane(go, am, gi, p));
    }

    @Override
    public void avgPool2d(Pool2dGeometry g, DeviceBuffer x, DeviceBuffer out) {
        float[] s = f(x, "avgPool2d");
        float[] o = f(out, "avgPool2d");
        PoolingLoops loops = new PoolingLoops(g);
        forEach(g.planes(), g.height() * g.width(), p -> loops.averagePlane(s, o, p));
    }

    @Override
    public void avgPool2dBackward(Pool2dGeometry g, DeviceBuffer gradOut, DeviceBuffer gradIn) {
        float[] go = f(gradOut, "avgPool2dBackward");
        float[] gi = f(gradIn, "avgPool2dBackward");
        PoolingLoops loops = new PoolingLoops(g);
        forEach(g.planes(), g.height() * g.width(), p -> loops.averageBackwardPlane(go, gi, p));
    }

    @Override
    public void batchNormStatistics(DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer mean,
                                    DeviceBuffer variance) {
        float[] s = f(x, "batchNormStatistics");
        float[] m = f(mean, "batchNormStatistics");
        float[] v = f(variance, "batchNormStatistics");
        forEach(channels, batch * spatial,
                c -> ReductionLoops.channelMeanAndVariance(s, batch, channels, spatial, c, m, v));
    }

    @Override
    public void upsampleBilinear(DeviceBuffer x, int planes, int inHeight, int inWidth, int outHeight, int outWidth,
                                 DeviceBuffer out) {
        float[] s = f(x, "upsampleBilinear");
        float[] o = f(out, "upsampleBilinear");
        UpsamplingLoops loops = new UpsamplingLoops(inHeight, inWidth, outHeight, outWidth);
        forEach(planes, outHeight * outWidth, p -> loops.plane(s, p, o));
    }

    @Override
    public void upsampleBilinearBackward(DeviceBuffer gradOut, int planes, int inHeight, int inWidth, int outHeight,
                                         int outWidth, DeviceBuffer gradIn) {
        float[] go = f(gradOut, "upsampleBilinearBackward");
        float[] gi = f(gradIn, "upsampleBilinearBackward");
        UpsamplingLoops loops = new UpsamplingLoops(inHeight, inWidth, outHeight, outWidth);
        forEach(planes, outHeight * outWidth, p -> loops.backwardPlane(go, p, gi));
    }
}

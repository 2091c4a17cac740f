package org.advmusic.engine.backend.cuda;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BackendOptions;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DType;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.Pool2dGeometry;
import org.advmusic.engine.RandomDistribution;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.UnaryOp;

/**
 * The float32 CUDA backend: the project's own kernels (CUDA C under {@code engine/src/main/cuda},
 * shipped as PTX that the NVIDIA driver compiles for the GPU at hand), and cuBLAS for GEMM where
 * JCublas loads ({@code libcublas.so.12}), else the tiled SGEMM kernel. See docs/CUDA.md.
 *
 * <p>Every primitive has the meaning the {@link org.advmusic.engine.backend.reference.ReferenceBackend}
 * gives it, computed in float32. Each one checks its arguments on the host (buffer ownership, offsets
 * and lengths, shapes), so that a wrong call throws here rather than reading or writing outside a
 * device buffer, then queues its kernels; results are waited for when they are downloaded.
 *
 * <p>Nothing touches CUDA until the first call of {@link #unavailableReason()} or of a primitive,
 * which opens the device (see {@link JCudaRuntime#open}); when that fails, the reason names the step
 * and the library that failed, and every primitive throws with it. Settings come from a
 * {@link BackendOptions} value: which GPU ({@link BackendOptions#cudaDevice}), the matrix product
 * ({@link BackendOptions#cudaGemm}: {@code auto}, cuBLAS when it loads, else the kernel; {@code cublas};
 * {@code kernel}), and whether to wait after every kernel ({@link BackendOptions#cudaSynchronous}).
 *
 * <p>Threads: any thread may call; the device's context is made current on the calling thread on
 * entry to each primitive. All work is ordered on the device's default stream.
 */
public final class CudaBackend implements Backend {
    /** Threads per block of the block-per-output reduction ({@code REDUCE_BLOCK} in reduce.cu). */
    static final int REDUCE_BLOCK = 256;
    /** Threads per block of the batch-norm statistics ({@code STATISTICS_BLOCK} in batchnorm.cu). */
    static final int STATISTICS_BLOCK = 256;
    /** Warps per block of the softmax kernels ({@code SLICES_PER_BLOCK} in softmax.cu). */
    static final int SLICES_PER_BLOCK = 4;
    /** Threads per warp ({@code WARP} in softmax.cu). */
    static final int WARP = 32;

    /** Everything that exists once the device is open. */
    private record Device(DeviceRuntime runtime, CachingAllocator allocator, GemmEngine gemm) {
    }

    /** Opens a runtime; the default opens the GPU through JCuda. */
    interface RuntimeFactory {
        DeviceRuntime open() throws CudaUnavailableException;
    }

    private final RuntimeFactory factory;
    private final BackendOptions options;
    private final CudaFusedKernels fused = new CudaFusedKernels(this);
    private volatile Device device;
    private volatile String unavailable;

    /** The backend of GPU 0 with {@link BackendOptions#defaults()}, opened on first use. */
    public CudaBackend() {
        this(BackendOptions.defaults());
    }

    /** The backend of the GPU {@code options} name, with their matrix product and launch mode, opened on first use. */
    public CudaBackend(BackendOptions options) {
        this(() -> JCudaRuntime.open(options.cudaDevice(), options.cudaSynchronous()), options);
    }

    /** A backend on the runtime {@code factory} opens (tests use other runtimes), with the default options. */
    CudaBackend(RuntimeFactory factory) {
        this(factory, BackendOptions.defaults());
    }

    private CudaBackend(RuntimeFactory factory, BackendOptions options) {
        this.factory = factory;
        this.options = options;
    }

    /** The composed defaults, with the input gradient of convolutions by the flipped kernel ({@link CudaFusedKernels}). */
    @Override
    public FusedKernels fused() {
        return fused;
    }

    /** This backend when the cuda settings of {@code options} are its own, else a new one set up by them. */
    @Override
    public Backend withOptions(BackendOptions options) {
        boolean same = options.cudaDevice() == this.options.cudaDevice()
                && options.cudaGemm().equals(this.options.cudaGemm())
                && options.cudaSynchronous() == this.options.cudaSynchronous();
        return same ? this : new CudaBackend(options);
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public DType dtype() {
        return DType.F32;
    }

    /** Above the CPU backend, so {@code auto} picks a GPU when there is one. */
    @Override
    public int autoPriority() {
        return 20;
    }

    @Override
    public Optional<String> unavailableReason() {
        open();
        return Optional.ofNullable(unavailable);
    }

    /**
     * The device, driver and GEMM in use, e.g. for benchmark reports (and why cuBLAS is not used when
     * it is not); or why the backend is unavailable.
     */
    public String description() {
        Device d = open();
        if (d == null) {
            return "unavailable: " + unavailable;
        }
        String cublasProblem = d.runtime().cublasProblem();
        return d.runtime().description() + ", GEMM by " + d.gemm().description()
                + (cublasProblem != null ? " (" + cublasProblem + ")" : "");
    }

    private Device open() {
        Device d = device;
        if (d != null || unavailable != null) {
            return d;
        }
        synchronized (this) {
            if (device == null && unavailable == null) {
                try {
                    DeviceRuntime runtime = factory.open();
                    device = new Device(runtime, new CachingAllocator(runtime), chooseGemm(runtime, options.cudaGemm()));
                } catch (CudaUnavailableException e) {
                    unavailable = e.getMessage();
                } catch (NoClassDefFoundError e) {
                    unavailable = "the JCuda classes are not on the class path (" + FailureSummary.of(e) + ")";
                } catch (Throwable t) { // anything else a missing or broken installation throws
                    unavailable = "opening the CUDA device failed: " + FailureSummary.of(t);
                }
            }
            return device;
        }
    }

    private static GemmEngine chooseGemm(DeviceRuntime runtime, String choice) throws CudaUnavailableException {
        switch (choice) {
            case "auto":
                return runtime.cublas().orElseGet(() -> new TiledSgemm(runtime));
            case "kernel":
                return new TiledSgemm(runtime);
            case "cublas":
                return runtime.cublas().orElseThrow(() -> new CudaUnavailableException(
                        "the cublas GEMM was requested, but " + runtime.cublasProblem()));
            default:
                throw new CudaUnavailableException("cuda GEMM '" + choice + "'; expected auto, cublas or kernel");
        }
    }

    /** Opens the device if needed and makes it current on this thread, for a primitive. */
    private Device enter(String operation) {
        Device d = open();
        if (d == null) {
            throw new IllegalStateException(operation + ": the cuda backend is unavailable: " + unavailable);
        }
        d.runtime().makeCurrent();
        d.allocator().processPendingReleases();
        return d;
    }

    @Override
    public void synchronize() {
        enter("synchronize").runtime().synchronize();
    }

    // ---------------------------------------------------------------- checks

    private CudaBuffer cuda(DeviceBuffer b, String operation) {
        if (!(b instanceof CudaBuffer cb) || b.backend() != this) {
            throw new IllegalArgumentException(operation + ": buffer belongs to the " + b.backend().name()
                    + " backend, expected cuda");
        }
        cb.requireLive(operation);
        return cb;
    }

    /** Requires elements {@code [offset, offset + count)} to lie inside the buffer. */
    private static void requireRange(String operation, String what, DeviceBuffer b, long offset, long count) {
        if (offset < 0 || count < 0 || offset + count > b.length()) {
            throw new IllegalArgumentException(operation + ": " + what + " needs elements [" + offset + ", "
                    + (offset + count) + ") but the buffer has " + b.length());
        }
    }

    /**
     * Requires a row-strided block of {@code rows x columns} at {@code offset} to lie inside the buffer;
     * a block that is written must not have overlapping rows (a source may, e.g. stride 0 repeats a row).
     */
    private static void requireStridedRange(String operation, String what, DeviceBuffer b, int offset, int rowStride,
                                            int rows, int columns, boolean written) {
        if (rows < 0 || columns < 0 || rowStride < 0 || (written && rows > 1 && rowStride < columns)) {
            throw new IllegalArgumentException(operation + ": " + what + " of " + rows + " rows of " + columns
                    + " with row stride " + rowStride + " is not a valid " + (written ? "non-overlapping " : "")
                    + "block");
        }
        if (rows > 0 && columns > 0) {
            requireRange(operation, what, b, offset, (long) (rows - 1) * rowStride + columns);
        }
    }

    private static void launch(Device d, Kernel kernel, long elements, Object... arguments) {
        if (elements > 0) {
            d.runtime().launch(kernel, LaunchShape.perElement(elements), KernelArguments.of(arguments));
        }
    }

    // ---------------------------------------------------------------- memory

    @Override
    public DeviceBuffer allocate(int length) {
        Device d = enter("allocate");
        CudaBuffer b = new CudaBuffer(this, length, d.allocator());
        if (length > 0) {
            d.runtime().fill(b.at("allocate", 0), length, 0);
        }
        return b;
    }

    @Override
    public DeviceBuffer allocateUninitialized(int length) {
        return new CudaBuffer(this, length, enter("allocateUninitialized").allocator());
    }

    @Override
    public long liveBuffers() {
        Device d = device;
        return d == null ? 0 : d.allocator().liveBlocks();
    }

    @Override
    public DeviceBuffer upload(double[] values) {
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values[i];
        }
        return upload(v);
    }

    @Override
    public DeviceBuffer upload(float[] values) {
        Device d = enter("upload");
        CudaBuffer b = new CudaBuffer(this, values.length, d.allocator());
        if (values.length > 0) {
            d.runtime().upload(values, b.at("upload", 0));
        }
        return b;
    }

    /** A temporary int32 device array holding {@code values} (row lists); release it after use. */
    private CudaBuffer uploadInts(Device d, int[] values) {
        CudaBuffer b = new CudaBuffer(this, values.length, d.allocator());
        if (values.length > 0) {
            d.runtime().upload(values, b.at("upload", 0));
        }
        return b;
    }

    @Override
    public void download(DeviceBuffer src, double[] dst) {
        float[] v = new float[dst.length];
        download(src, v);
        for (int i = 0; i < v.length; i++) {
            dst[i] = v[i];
        }
    }

    @Override
    public void download(DeviceBuffer src, float[] dst) {
        Device d = enter("download");
        CudaBuffer s = cuda(src, "download");
        if (s.length() != dst.length) {
            throw new IllegalArgumentException("download: buffer has " + s.length() + " elements, destination " + dst.length);
        }
        if (dst.length > 0) {
            d.runtime().download(s.at("download", 0), dst);
        }
    }

    @Override
    public void copy(DeviceBuffer src, int srcOffset, DeviceBuffer dst, int dstOffset, int length) {
        Device d = enter("copy");
        CudaBuffer s = cuda(src, "copy");
        CudaBuffer t = cuda(dst, "copy");
        requireRange("copy", "the source", s, srcOffset, length);
        requireRange("copy", "the destination", t, dstOffset, length);
        if (length == 0) {
            return;
        }
        if (s == t && srcOffset < dstOffset + length && dstOffset < srcOffset + length) {
            // overlapping ranges of one buffer: copy through a temporary, as System.arraycopy behaves
            CudaBuffer staging = new CudaBuffer(this, length, d.allocator());
            d.runtime().copy(s.at("copy", srcOffset), staging.at("copy", 0), (long) length * Float.BYTES);
            d.runtime().copy(staging.at("copy", 0), t.at("copy", dstOffset), (long) length * Float.BYTES);
            staging.release();
            return;
        }
        d.runtime().copy(s.at("copy", srcOffset), t.at("copy", dstOffset), (long) length * Float.BYTES);
    }

    @Override
    public void copy2d(DeviceBuffer src, int srcOffset, int srcRowStride, DeviceBuffer dst, int dstOffset,
                       int dstRowStride, int rows, int columns) {
        Device d = enter("copy2d");
        CudaBuffer s = cuda(src, "copy2d");
        CudaBuffer t = cuda(dst, "copy2d");
        requireStridedRange("copy2d", "the source", s, srcOffset, srcRowStride, rows, columns, false);
        requireStridedRange("copy2d", "the destination", t, dstOffset, dstRowStride, rows, columns, true);
        if (s == t) {
            throw new IllegalArgumentException("copy2d: source and destination are the same buffer");
        }
        launch(d, Kernel.COPY_2D, (long) rows * columns, s.at("copy2d", srcOffset), srcRowStride,
                t.at("copy2d", dstOffset), dstRowStride, rows, columns);
    }

    @Override
    public void gatherRows(DeviceBuffer src, int rowLength, int[] rows, DeviceBuffer dst) {
        Device d = enter("gatherRows");
        CudaBuffer s = cuda(src, "gatherRows");
        CudaBuffer t = cuda(dst, "gatherRows");
        requireRows("gatherRows", s, rowLength, rows);
        requireRange("gatherRows", "the destination", t, 0, (long) rows.length * rowLength);
        if (rows.length == 0 || rowLength == 0) {
            return;
        }
        CudaBuffer rowList = uploadInts(d, rows);
        launch(d, Kernel.GATHER_ROWS, (long) rows.length * rowLength, s.at("gatherRows", 0), rowLength,
                rowList.at("gatherRows", 0), rows.length, t.at("gatherRows", 0));
        rowList.release(); // safe: later work on the stream runs after this kernel
    }

    @Override
    public void scatterRows(DeviceBuffer src, int rowLength, int[] rows, DeviceBuffer dst) {
        Device d = enter("scatterRows");
        CudaBuffer s = cuda(src, "scatterRows");
        CudaBuffer t = cuda(dst, "scatterRows");
        requireRange("scatterRows", "the source", s, 0, (long) rows.length * rowLength);
        requireRows("scatterRows", t, rowLength, rows);
        if (rows.length == 0 || rowLength == 0) {
            return;
        }
        // a destination named twice keeps the last source row, as a sequential loop would
        int[][] lastWrites = lastWriteOfEachRow(rows);
        CudaBuffer sourceRows = uploadInts(d, lastWrites[0]);
        CudaBuffer destinationRows = uploadInts(d, lastWrites[1]);
        int count = lastWrites[0].length;
        launch(d, Kernel.SCATTER_ROWS, (long) count * rowLength, s.at("scatterRows", 0), rowLength,
                sourceRows.at("scatterRows", 0), destinationRows.at("scatterRows", 0), count, t.at("scatterRows", 0));
        sourceRows.release();
        destinationRows.release();
    }

    /** {@code {sourceRows, destinationRows}}: for each distinct {@code rows[r]}, the last {@code r} naming it. */
    private static int[][] lastWriteOfEachRow(int[] rows) {
        Map<Integer, Integer> last = new LinkedHashMap<>();
        for (int r = 0; r < rows.length; r++) {
            last.put(rows[r], r);
        }
        int[] source = new int[last.size()];
        int[] destination = new int[last.size()];
        int i = 0;
        for (Map.Entry<Integer, Integer> e : last.entrySet()) {
            destination[i] = e.getKey();
            source[i] = e.getValue();
            i++;
        }
        return new int[][] {source, destination};
    }

    private static void requireRows(String operation, DeviceBuffer b, int rowLength, int[] rows) {
        if (rowLength < 0) {
            throw new IllegalArgumentException(operation + ": row length is " + rowLength + ", expected >= 0");
        }
        long available = rowLength == 0 ? Long.MAX_VALUE : b.length() / rowLength;
        for (int r : rows) {
            if (r < 0 || r >= available) {
                throw new IndexOutOfBoundsException(operation + ": row " + r + " is outside [0, " + available
                        + ") of a buffer of " + b.length() + " elements in rows of " + rowLength);
            }
        }
    }

    @Override
    public void fill(DeviceBuffer dst, double value) {
        Device d = enter("fill");
        CudaBuffer t = cuda(dst, "fill");
        if (t.length() > 0) {
            d.runtime().fill(t.at("fill", 0), t.length(), Float.floatToRawIntBits((float) value));
        }
    }

    @Override
    public void fillRandom(DeviceBuffer dst, RandomDistribution distribution, long seed, double a, double b) {
        Device d = enter("fillRandom");
        CudaBuffer t = cuda(dst, "fillRandom");
        launch(d, Kernel.FILL_RANDOM, t.length(), t.at("fillRandom", 0), t.length(), distribution.ordinal(), seed, a, b);
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int length, double p, double q) {
        Device d = enter("unary");
        CudaBuffer s = cuda(x, "unary");
        CudaBuffer t = cuda(out, "unary");
        requireRange("unary", "the input", s, 0, length);
        requireRange("unary", "the output", t, 0, length);
        launch(d, Kernel.UNARY, length, op.ordinal(), s.at("unary", 0), t.at("unary", 0), length, p, q);
    }

    @Override
    public void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape, DeviceBuffer out,
                       Shape outShape) {
        Device d = enter("binary");
        CudaBuffer av = cuda(a, "binary");
        CudaBuffer bv = cuda(b, "binary");
        CudaBuffer o = cuda(out, "binary");
        requireRange("binary", "operand a " + aShape, av, 0, aShape.size());
        requireRange("binary", "operand b " + bShape, bv, 0, bShape.size());
        requireRange("binary", "the output " + outShape, o, 0, outShape.size());
        CollapsedIndex index = CollapsedIndex.of(outShape.dims(), aShape.broadcastStrides(outShape),
                bShape.broadcastStrides(outShape));
        int n = outShape.size();
        if (index.isContiguous()) {
            launch(d, Kernel.BINARY_SAME_SHAPE, n, op.ordinal(), av.at("binary", 0), bv.at("binary", 0),
                    o.at("binary", 0), n);
        } else {
            launch(d, Kernel.BINARY_BROADCAST, n, op.ordinal(), av.at("binary", 0), bv.at("binary", 0),
                    o.at("binary", 0), n, index.packed("binary " + aShape + " with " + bShape + " to " + outShape));
        }
    }

    @Override
    public void where(DeviceBuffer condition, DeviceBuffer a, DeviceBuffer b, DeviceBuffer out, int length) {
        Device d = enter("where");
        CudaBuffer c = cuda(condition, "where");
        CudaBuffer av = cuda(a, "where");
        CudaBuffer bv = cuda(b, "where");
        CudaBuffer o = cuda(out, "where");
        requireRange("where", "the condition", c, 0, length);
        requireRange("where", "operand a", av, 0, length);
        requireRange("where", "operand b", bv, 0, length);
        requireRange("where", "the output", o, 0, length);
        launch(d, Kernel.WHERE, length, c.at("where", 0), av.at("where", 0), bv.at("where", 0), o.at("where", 0), length);
    }

    // ---------------------------------------------------------------- reductions and layout

    @Override
    public void reduce(ReduceOp op, DeviceBuffer x, int outer, int n, int inner, DeviceBuffer out) {
        Device d = enter("reduce");
        CudaBuffer s = cuda(x, "reduce");
        CudaBuffer o = cuda(out, "reduce");
        if (n < 1 || outer < 0 || inner < 0) {
            throw new IllegalArgumentException("reduce: (outer, n, inner) = (" + outer + ", " + n + ", " + inner
                    + "); expected n >= 1 and the others >= 0");
        }
        long outputs = (long) outer * inner;
        requireRange("reduce", "the input (" + outer + ", " + n + ", " + inner + ")", s, 0, outputs * n);
        requireRange("reduce", "the output (" + outer + ", " + inner + ")", o, 0, outputs);
        if (outputs == 0) {
            return;
        }
        Object[] arguments = {op.ordinal(), s.at("reduce", 0), outer, n, inner, o.at("reduce", 0)};
        if (n >= 128 && outputs < 16384) {
            // few long slices: a block per slice shares the work of each one
            d.runtime().launch(Kernel.REDUCE_BLOCK_PER_OUTPUT, LaunchShape.blocks((int) outputs, REDUCE_BLOCK),
                    KernelArguments.of(arguments));
        } else {
            launch(d, Kernel.REDUCE_THREAD_PER_OUTPUT, outputs, arguments);
        }
    }

    @Override
    public void permute(DeviceBuffer x, Shape shape, int[] axes, DeviceBuffer out) {
        Device d = enter("permute");
        CudaBuffer s = cuda(x, "permute");
        CudaBuffer o = cuda(out, "permute");
        int rank = shape.rank();
        boolean[] seen = new boolean[rank];
        if (axes.length != rank) {
            throw new IllegalArgumentException("permute: " + axes.length + " axes for shape " + shape);
        }
        for (int axis : axes) {
            if (axis < 0 || axis >= rank || seen[axis]) {
                throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes)
                        + " are not a permutation of 0.." + (rank - 1));
            }
            seen[axis] = true;
        }
        requireRange("permute", "the input " + shape, s, 0, shape.size());
        requireRange("permute", "the output", o, 0, shape.size());
        int[] inStrides = shape.strides();
        int[] outDims = new int[rank];
        int[] readStrides = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = shape.dim(axes[i]);
            readStrides[i] = inStrides[axes[i]];
        }
        CollapsedIndex index = CollapsedIndex.of(outDims, readStrides);
        launch(d, Kernel.PERMUTE, shape.size(), s.at("permute", 0), index.packed("permute " + shape), o.at("permute", 0),
                shape.size());
    }

    // ---------------------------------------------------------------- matrix products

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     DeviceBuffer a, int aOffset, int strideA, DeviceBuffer b, int bOffset, int strideB,
                     double beta, DeviceBuffer c, int cOffset, int strideC, int batch) {
        Device d = enter("gemm");
        CudaBuffer av = cuda(a, "gemm");
        CudaBuffer bv = cuda(b, "gemm");
        CudaBuffer cv = cuda(c, "gemm");
        if (m < 0 || n < 0 || k < 0 || batch < 0 || strideA < 0 || strideB < 0 || strideC < 0) {
            throw new IllegalArgumentException("gemm: sizes (m, n, k, batch) = (" + m + ", " + n + ", " + k + ", "
                    + batch + ") and strides (" + strideA + ", " + strideB + ", " + strideC + ") must not be negative");
        }
        if (batch > 1 && strideC < (long) m * n) {
            throw new IllegalArgumentException("gemm: C stride " + strideC + " is less than the " + m + "x" + n
                    + " matrix size, so the " + batch + " products would overwrite each other");
        }
        if (m == 0 || n == 0 || batch == 0) {
            return;
        }
        requireRange("gemm", "A", av, aOffset, (long) (batch - 1) * strideA + (long) m * k);
        requireRange("gemm", "B", bv, bOffset, (long) (batch - 1) * strideB + (long) k * n);
        requireRange("gemm", "C", cv, cOffset, (long) (batch - 1) * strideC + (long) m * n);
        d.gemm().gemm(new GemmCall(transA, transB, m, n, k, (float) alpha, av.at("gemm", aOffset), strideA,
                bv.at("gemm", bOffset), strideB, (float) beta, cv.at("gemm", cOffset), strideC, batch));
    }

    // ---------------------------------------------------------------- softmax family

    @Override
    public void softmax(DeviceBuffer x, int outer, int n, int inner, DeviceBuffer out, boolean log) {
        Device d = enter("softmax");
        CudaBuffer s = cuda(x, "softmax");
        CudaBuffer o = cuda(out, "softmax");
        long slices = (long) outer * inner;
        requireRange("softmax", "the input", s, 0, slices * n);
        requireRange("softmax", "the output", o, 0, slices * n);
        if (slices == 0 || n == 0) {
            return;
        }
        d.runtime().launch(Kernel.SOFTMAX, warpPerSlice(slices),
                KernelArguments.of(s.at("softmax", 0), outer, n, inner, o.at("softmax", 0), log ? 1 : 0));
    }

    /** One warp per slice, {@link #SLICES_PER_BLOCK} warps per block. */
    private static LaunchShape warpPerSlice(long slices) {
        long blocks = (slices + SLICES_PER_BLOCK - 1) / SLICES_PER_BLOCK;
        return new LaunchShape(Math.toIntExact(blocks), 1, 1, WARP, SLICES_PER_BLOCK);
    }

    @Override
    public void softmaxCrossEntropy(DeviceBuffer logits, DeviceBuffer labels, int rows, int classes,
                                    DeviceBuffer probabilities, DeviceBuffer losses) {
        Device d = enter("softmaxCrossEntropy");
        CudaBuffer z = cuda(logits, "softmaxCrossEntropy");
        CudaBuffer y = cuda(labels, "softmaxCrossEntropy");
        CudaBuffer p = cuda(probabilities, "softmaxCrossEntropy");
        CudaBuffer l = cuda(losses, "softmaxCrossEntropy");
        requireRange("softmaxCrossEntropy", "the logits", z, 0, (long) rows * classes);
        requireRange("softmaxCrossEntropy", "the labels", y, 0, rows);
        requireRange("softmaxCrossEntropy", "the probabilities", p, 0, (long) rows * classes);
        requireRange("softmaxCrossEntropy", "the losses", l, 0, rows);
        if (rows == 0) {
            return;
        }
        if (classes < 1) {
            throw new IllegalArgumentException("softmaxCrossEntropy: " + classes + " classes, expected at least 1");
        }
        d.runtime().launch(Kernel.SOFTMAX_CROSS_ENTROPY, warpPerSlice(rows), KernelArguments.of(
                z.at("softmaxCrossEntropy", 0), y.at("softmaxCrossEntropy", 0), rows, classes,
                p.at("softmaxCrossEntropy", 0), l.at("softmaxCrossEntropy", 0)));
    }

    @Override
    public void softmaxCrossEntropyBackward(DeviceBuffer probabilities, DeviceBuffer labels, DeviceBuffer gradLosses,
                                            int rows, int classes, DeviceBuffer gradLogits) {
        String op = "softmaxCrossEntropyBackward";
        Device d = enter(op);
        CudaBuffer p = cuda(probabilities, op);
        CudaBuffer y = cuda(labels, op);
        CudaBuffer g = cuda(gradLosses, op);
        CudaBuffer o = cuda(gradLogits, op);
        requireRange(op, "the probabilities", p, 0, (long) rows * classes);
        requireRange(op, "the labels", y, 0, rows);
        requireRange(op, "the loss gradients", g, 0, rows);
        requireRange(op, "the logit gradients", o, 0, (long) rows * classes);
        launch(d, Kernel.SOFTMAX_CROSS_ENTROPY_BACKWARD, (long) rows * classes, p.at(op, 0), y.at(op, 0), g.at(op, 0),
                rows, classes, o.at(op, 0));
    }

    // ---------------------------------------------------------------- convolution and pooling

    /** The {@code WindowGeometry} struct of common.cuh for a convolution (count = channels). */
    private static int[] window(Conv2dGeometry g) {
        return new int[] {g.channels(), g.height(), g.width(), g.kernelHeight(), g.kernelWidth(),
            g.strideHeight(), g.strideWidth(), g.padHeight(), g.padWidth(), g.outHeight(), g.outWidth()};
    }

    /** The {@code WindowGeometry} struct of common.cuh for pooling (count = planes). */
    private static int[] window(Pool2dGeometry g) {
        return new int[] {g.planes(), g.height(), g.width(), g.kernelHeight(), g.kernelWidth(),
            g.strideHeight(), g.strideWidth(), g.padHeight(), g.padWidth(), g.outHeight(), g.outWidth()};
    }

    @Override
    public void im2col(Conv2dGeometry g, DeviceBuffer x, int xOffset, DeviceBuffer col, int colOffset, int samples) {
        Device d = enter("im2col");
        CudaBuffer s = cuda(x, "im2col");
        CudaBuffer o = cuda(col, "im2col");
        long colSize = (long) g.colRows() * g.colColumns();
        requireRange("im2col", "the input samples", s, xOffset, (long) samples * g.inputSize());
        requireRange("im2col", "the column matrices", o, colOffset, samples * colSize);
        launch(d, Kernel.IM2COL, samples * colSize, window(g), s.at("im2col", xOffset), o.at("im2col", colOffset), samples);
    }

    @Override
    public void col2im(Conv2dGeometry g, DeviceBuffer col, int colOffset, DeviceBuffer x, int xOffset, int samples) {
        Device d = enter("col2im");
        CudaBuffer s = cuda(col, "col2im");
        CudaBuffer o = cuda(x, "col2im");
        requireRange("col2im", "the column matrices", s, colOffset, (long) samples * g.colRows() * g.colColumns());
        requireRange("col2im", "the output samples", o, xOffset, (long) samples * g.inputSize());
        launch(d, Kernel.COL2IM, (long) samples * g.inputSize(), window(g), s.at("col2im", colOffset),
                o.at("col2im", xOffset), samples);
    }

    private static long inputSize(Pool2dGeometry g) {
        return (long) g.planes() * g.height() * g.width();
    }

    private static long outputSize(Pool2dGeometry g) {
        return (long) g.planes() * g.outHeight() * g.outWidth();
    }

    @Override
    public void maxPool2d(Pool2dGeometry g, DeviceBuffer x, DeviceBuffer out, DeviceBuffer argmax) {
        Device d = enter("maxPool2d");
        CudaBuffer s = cuda(x, "maxPool2d");
        CudaBuffer o = cuda(out, "maxPool2d");
        CudaBuffer a = cuda(argmax, "maxPool2d");
        requireRange("maxPool2d", "the input", s, 0, inputSize(g));
        requireRange("maxPool2d", "the output", o, 0, outputSize(g));
        requireRange("maxPool2d", "the argmax", a, 0, outputSize(g));
        launch(d, Kernel.MAX_POOL, outputSize(g), window(g), s.at("maxPool2d", 0), o.at("maxPool2d", 0),
                a.at("maxPool2d", 0));
    }

    @Override
    public void maxPool2dBackward(Pool2dGeometry g, DeviceBuffer gradOut, DeviceBuffer argmax, DeviceBuffer gradIn) {
        String op = "maxPool2dBackward";
        Device d = enter(op);
        CudaBuffer go = cuda(gradOut, op);
        CudaBuffer a = cuda(argmax, op);
        CudaBuffer gi = cuda(gradIn, op);
        requireRange(op, "the output gradient", go, 0, outputSize(g));
        requireRange(op, "the argmax", a, 0, outputSize(g));
        requireRange(op, "the input gradient", gi, 0, inputSize(g));
        launch(d, Kernel.MAX_POOL_BACKWARD, inputSize(g), window(g), go.at(op, 0), a.at(op, 0), gi.at(op, 0));
    }

    @Override
    public void avgPool2d(Pool2dGeometry g, DeviceBuffer x, DeviceBuffer out) {
        Device d = enter("avgPool2d");
        CudaBuffer s = cuda(x, "avgPool2d");
        CudaBuffer o = cuda(out, "avgPool2d");
        requireRange("avgPool2d", "the input", s, 0, inputSize(g));
        requireRange("avgPool2d", "the output", o, 0, outputSize(g));
        launch(d, Kernel.AVG_POOL, outputSize(g), window(g), s.at("avgPool2d", 0), o.at("avgPool2d", 0));
    }

    @Override
    public void avgPool2dBackward(Pool2dGeometry g, DeviceBuffer gradOut, DeviceBuffer gradIn) {
        String op = "avgPool2dBackward";
        Device d = enter(op);
        CudaBuffer go = cuda(gradOut, op);
        CudaBuffer gi = cuda(gradIn, op);
        requireRange(op, "the output gradient", go, 0, outputSize(g));
        requireRange(op, "the input gradient", gi, 0, inputSize(g));
        launch(d, Kernel.AVG_POOL_BACKWARD, inputSize(g), window(g), go.at(op, 0), gi.at(op, 0));
    }

    @Override
    public void batchNormStatistics(DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer mean,
                                    DeviceBuffer variance) {
        String op = "batchNormStatistics";
        Device d = enter(op);
        CudaBuffer s = cuda(x, op);
        CudaBuffer m = cuda(mean, op);
        CudaBuffer v = cuda(variance, op);
        if (batch < 1 || channels < 0 || spatial < 1) {
            throw new IllegalArgumentException(op + ": (batch, channels, spatial) = (" + batch + ", " + channels + ", "
                    + spatial + "); expected at least one element per channel");
        }
        requireRange(op, "the input", s, 0, (long) batch * channels * spatial);
        requireRange(op, "the means", m, 0, channels);
        requireRange(op, "the variances", v, 0, channels);
        if (channels > 0) {
            d.runtime().launch(Kernel.BATCH_NORM_STATISTICS, LaunchShape.blocks(channels, STATISTICS_BLOCK),
                    KernelArguments.of(s.at(op, 0), batch, channels, spatial, m.at(op, 0), v.at(op, 0)));
        }
    }

    @Override
    public void upsampleBilinear(DeviceBuffer x, int planes, int inHeight, int inWidth, int outHeight, int outWidth,
                                 DeviceBuffer out) {
        String op = "upsampleBilinear";
        Device d = enter(op);
        CudaBuffer s = cuda(x, op);
        CudaBuffer o = cuda(out, op);
        requireRange(op, "the input", s, 0, (long) planes * inHeight * inWidth);
        requireRange(op, "the output", o, 0, (long) planes * outHeight * outWidth);
        launch(d, Kernel.UPSAMPLE_BILINEAR, (long) planes * outHeight * outWidth, s.at(op, 0), planes, inHeight, inWidth,
                outHeight, outWidth, o.at(op, 0));
    }

    @Override
    public void upsampleBilinearBackward(DeviceBuffer gradOut, int planes, int inHeight, int inWidth, int outHeight,
                                         int outWidth, DeviceBuffer gradIn) {
        String op = "upsampleBilinearBackward";
        Device d = enter(op);
        CudaBuffer go = cuda(gradOut, op);
        CudaBuffer gi = cuda(gradIn, op);
        requireRange(op, "the output gradient", go, 0, (long) planes * outHeight * outWidth);
        requireRange(op, "the input gradient", gi, 0, (long) planes * inHeight * inWidth);
        launch(d, Kernel.UPSAMPLE_BILINEAR_BACKWARD, (long) planes * inHeight * inWidth, go.at(op, 0), planes, inHeight,
                inWidth, outHeight, outWidth, gi.at(op, 0));
    }

    @Override
    public String toString() {
        return "CudaBackend[" + (device != null ? description() : unavailable != null ? "unavailable" : "not opened") + "]";
    }
}

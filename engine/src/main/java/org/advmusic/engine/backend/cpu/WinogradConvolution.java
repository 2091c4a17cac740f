package org.advmusic.engine.backend.cpu;

import static org.advmusic.engine.backend.cpu.WinogradTransforms.ELEMENTS;
import static org.advmusic.engine.backend.cpu.WinogradTransforms.INPUT_TILE;
import static org.advmusic.engine.backend.cpu.WinogradTransforms.LANES;
import static org.advmusic.engine.backend.cpu.WinogradTransforms.OUTPUT_TILE;
import static org.advmusic.engine.backend.cpu.WinogradTransforms.roundUp;

import java.util.Arrays;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;

/**
 * Stride-1 3x3 convolutions by Winograd's F(4x4, 3x3) ({@link WinogradTransforms}): the output is
 * cut into 4x4 tiles, numbered sample by sample, row by row. Tiles are processed in blocks of a fixed
 * size; for one block, on one thread: the 6x6 input patches are transformed into 36 matrices
 * {@code V[e] (C, tiles)}, each multiplied by the transformed kernels {@code U[e] (K, C)} with the GEMM
 * kernel, and the 36 products {@code M[e] (K, tiles)} transformed back into 4x4 output tiles. That is
 * 4 times fewer multiply-adds than the im2col product (36 instead of 144 per tile and channel pair),
 * and a block stays in cache.
 *
 * <p>The weight gradient runs the same tiling backwards: {@code dU[e] (K, C) = sum over tiles of
 * dM[e] (K, tiles) x V[e]^T (tiles, C)}, then {@code dg = G^T dU G}. A fixed number of parts (not
 * the thread count) each sum their blocks, and the parts are added in order, so results are the same
 * for every thread count.
 */
final class WinogradConvolution {
    /** Fewer input or output channels than this leave the matrix products too thin to gain. */
    static final int MINIMUM_CHANNELS = 16;
    /**
     * Tiles per block: about this many floats over (C + K), within [{@value #MINIMUM_TILES},
     * {@value #MAXIMUM_TILES}], so that a block's 36 transformed matrices stay within a few megabytes.
     * The weight gradient takes twice as many: its products accumulate into a (K, C) matrix per block.
     */
    private static final int BLOCK_FLOATS = 1 << 15;
    private static final int MINIMUM_TILES = 16;
    private static final int MAXIMUM_TILES = 256;
    /**
     * Floats between the 16 matrices of a block beyond their size: without it they lie a power of two
     * apart, and the transforms, which touch all 36 at once, evict their own cache lines. It is also
     * more than the one vector the transforms write past a row's end.
     */
    private static final int PLANE_PADDING = 40;
    /** Parts of the weight gradient's sum over tiles (each with its own accumulator). */
    private static final int WEIGHT_GRADIENT_PARTS = 8;

    /** Per-thread scratch: transformed input, products, and the rows of one tile row. */
    private static final class Scratch {
        float[] transformed = new float[0];
        float[] products = new float[0];
        float[] rows = new float[0];
        float[] rowTransform = new float[0];
        final float[] columns = new float[24 * LANES];
        /** The last run of tiles whose input rows are in {@link #rows}: its position key (or -1) and length. */
        long previousRunKey = -1;
        int previousRunLength;

        float[] transformed(int length) {
            if (transformed.length < length) {
                transformed = new float[length];
            }
            return transformed;
        }

        float[] products(int length) {
            if (products.length < length) {
                products = new float[length];
            }
            return products;
        }

        /** Room for {@code length} floats of rows (and the same again for their transform). */
        void rows(int length) {
            if (rows.length < length) {
                rows = new float[length];
                rowTransform = new float[length];
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final CpuBackend backend;
    private final GemmKernel kernel;
    private final ParallelExecutor executor;
    private final KernelTransformCache transformedKernels = KernelTransformCache.sizedForHeap();

    /** Runs on {@code backend}'s threads (and takes its large scratch arrays from it). */
    WinogradConvolution(CpuBackend backend, GemmKernel kernel, ParallelExecutor executor) {
        this.backend = backend;
        this.kernel = kernel;
        this.executor = executor;
    }

    /** Whether {@code g} is a stride-1 3x3 convolution with enough channels on both sides. */
    static boolean applies(Conv2dGeometry g, int outChannels) {
        return g.kernelHeight() == 3 && g.kernelWidth() == 3 && g.strideHeight() == 1 && g.strideWidth() == 1
                && g.channels() >= MINIMUM_CHANNELS && outChannels >= MINIMUM_CHANNELS;
    }

    /** The tiling of one convolution over a batch. */
    private record Tiling(Conv2dGeometry g, int outChannels, int batch, int tileRows, int tileColumns,
                          int blockTiles) {
        /** Blocks of about {@code blockFloats / (C + K)} tiles, rounded down to a multiple of {@code granule} if above it. */
        static Tiling of(Conv2dGeometry g, int outChannels, int batch, int blockFloats, int granule) {
            int perBlock = Math.max(MINIMUM_TILES, Math.min(MAXIMUM_TILES, blockFloats / (g.channels() + outChannels)));
            return new Tiling(g, outChannels, batch, (g.outHeight() + OUTPUT_TILE - 1) / OUTPUT_TILE,
                    (g.outWidth() + OUTPUT_TILE - 1) / OUTPUT_TILE,
                    perBlock >= granule ? perBlock / granule * granule : perBlock);
        }

        int tilesPerSample() {
            return tileRows * tileColumns;
        }

        int blocks() {
            return (int) ((batch * (long) tilesPerSample() + blockTiles - 1) / blockTiles);
        }

        /** Tiles in block {@code b}. */
        int tilesIn(int b) {
            return (int) Math.min(blockTiles, batch * (long) tilesPerSample() - (long) b * blockTiles);
        }
    }

    /** A run of horizontally adjacent tiles of one tile row, at column {@code column} of its block. */
    @FunctionalInterface
    private interface RunBody {
        void run(int sample, int tileRow, int firstTile, int run, int column);
    }

    /** Calls {@code body} for each run of tiles of block {@code b}, in order. */
    private static void forEachRun(Tiling tiling, int b, RunBody body) {
        int start = b * tiling.blockTiles();
        int end = start + tiling.tilesIn(b);
        for (int t = start; t < end; ) {
            int sample = t / tiling.tilesPerSample();
            int inSample = t % tiling.tilesPerSample();
            int firstTile = inSample % tiling.tileColumns();
            int run = Math.min(tiling.tileColumns() - firstTile, end - t);
            body.run(sample, inSample / tiling.tileColumns(), firstTile, run, t - start);
            t += run;
        }
    }

    /**
     * {@code out (N, K, OH, OW) = conv(x (N, C, H, W), w (K, C, 3, 3))}, stride 1, the padding of
     * {@code g}; or, when {@code flipped}, the same with the kernel {@code V[k, c, i, j] = w[c, k, 2 - i, 2 - j]}
     * of {@code w (C, K, 3, 3)} (channels swapped, rotated by 180 degrees: the convolution that computes
     * an input gradient, see {@link org.advmusic.engine.backend.FlippedKernelGradient}); plus {@code bias[k]}
     * on output channel k when {@code bias (K)} is not null, added as the output tiles are written, and then
     * the per-channel {@code map} if not null. The transformed kernels come from the cache while {@code w} is
     * unchanged. Overwrites {@code out}.
     */
    void forward(Conv2dGeometry g, float[] x, float[] w, boolean flipped, float[] bias, ChannelMap map,
                 int outChannels, float[] out, int batch) {
        int height = kernel.rowGranule();
        int filterPlane = RowStripMatrix.storedSize(outChannels, g.channels(), height);
        KernelTransformCache.Entry filters = transformedKernels.take(w, flipped, outChannels, ELEMENTS * filterPlane);
        try {
            if (!filters.isTransformOf(w)) {
                transformKernels(w, flipped, outChannels, g.channels(), filters.transformed, filterPlane);
                filters.madeFrom(w);
            }
            forward(g, x, bias, map, outChannels, out, batch, filters.transformed, filterPlane);
        } finally {
            transformedKernels.give(filters);
        }
    }

    /**
     * {@code U[e] (K, C)} of the 3x3 kernels {@code w (K, C, 3, 3)}, or of {@code w (C, K, 3, 3)} swapped and
     * rotated when {@code flipped}, into {@code u}, each {@code filterPlane} floats apart as a
     * {@link RowStripMatrix} in the GEMM kernel's strip height (the rows that pad the strips are left alone).
     */
    private void transformKernels(float[] w, boolean flipped, int outChannels, int channels, float[] u,
                                  int filterPlane) {
        int height = kernel.rowGranule();
        executor.forEachRange(outChannels, 1, (k0, k1) -> {
            for (int k = k0; k < k1; k++) {
                for (int c = 0; c < channels; c++) {
                    int source = flipped ? (c * outChannels + k) * 9 : (k * channels + c) * 9;
                    WinogradTransforms.filter(w, source, flipped, u, RowStripMatrix.index(0, channels, height, k, c),
                            filterPlane);
                }
            }
        });
    }

    /** {@link #forward} with the transformed kernels {@code u} laid out by {@link #transformKernels}. */
    private void forward(Conv2dGeometry g, float[] x, float[] bias, ChannelMap map, int outChannels, float[] out,
                         int batch, float[] u, int filterPlane) {
        int channels = g.channels();
        int height = kernel.rowGranule();
        // whole strips of the GEMM kernel's width: no zero-padded columns to pack, multiply and store
        Tiling tiling = Tiling.of(g, outChannels, batch, BLOCK_FLOATS, kernel.columnGranule());
        executor.forEachTask(tiling.blocks(), b -> {
            Scratch s = SCRATCH.get();
            int tiles = tiling.tilesIn(b);
            float[] v = transformInput(tiling, x, b, s);
            int inputPlane = planeStride(channels, tiles);
            int outputPlane = planeStride(outChannels, tiles);
            float[] m = s.products(ELEMENTS * outputPlane);
            for (int e = 0; e < ELEMENTS; e++) {
                // M[e] (K, tiles) = U[e] (K, C) x V[e] (C, tiles)
                kernel.multiply(new RowStripMatrix(u, e * filterPlane, outChannels, channels, height),
                        new DenseMatrix(v, e * inputPlane, channels, tiles, false), channels, 1f, 0f,
                        m, e * outputPlane, tiles, 0, outChannels, 0, tiles);
            }
            transformOutput(tiling, m, b, bias, map, out, s);
        });
    }

    /**
     * {@code gradWeight (K, C, 3, 3) = sum over the batch of the correlation of x (N, C, H, W) with
     * gradOut (N, K, OH, OW)}. Overwrites {@code gradWeight}.
     */
    void weightGradient(Conv2dGeometry g, float[] x, float[] gradOut, int outChannels, float[] gradWeight,
                        int batch) {
        Tiling tiling = Tiling.of(g, outChannels, batch, 2 * BLOCK_FLOATS, 1);
        int parts = Math.min(WEIGHT_GRADIENT_PARTS, tiling.blocks());
        DeviceBuffer sums = backend.allocateUninitialized(parts * ELEMENTS * outChannels * g.channels());
        try {
            weightGradient(tiling, x, gradOut, gradWeight, parts, ((FloatArrayBuffer) sums).array("conv2d"));
        } finally {
            sums.release();
        }
    }

    /** {@link #weightGradient} with {@code du} as room for each part's {@code dU[e] (K, C)}. */
    private void weightGradient(Tiling tiling, float[] x, float[] gradOut, float[] gradWeight, int parts,
                                float[] du) {
        int channels = tiling.g().channels();
        int outChannels = tiling.outChannels();
        int kernels = outChannels * channels;
        int blocks = tiling.blocks();
        executor.forEachTask(parts, p -> {
            Scratch s = SCRATCH.get();
            int first = (int) ((long) blocks * p / parts);
            int last = (int) ((long) blocks * (p + 1) / parts);
            for (int b = first; b < last; b++) {
                int tiles = tiling.tilesIn(b);
                float[] v = transformInput(tiling, x, b, s);
                float[] dm = transformOutputGradient(tiling, gradOut, b, s);
                int inputPlane = planeStride(channels, tiles);
                int outputPlane = planeStride(outChannels, tiles);
                for (int e = 0; e < ELEMENTS; e++) {
                    // dU[e] (K, C) += dM[e] (K, tiles) x V[e]^T (tiles, C)
                    kernel.multiply(new DenseMatrix(dm, e * outputPlane, outChannels, tiles, false),
                            new DenseMatrix(v, e * inputPlane, tiles, channels, true), tiles, 1f,
                            b == first ? 0f : 1f, du, (p * ELEMENTS + e) * kernels, channels, 0, outChannels, 0,
                            channels);
                }
            }
        });
        int total = ELEMENTS * kernels;
        executor.forEachRange(total, CpuBackend.PARALLEL_ELEMENTS, (start, end) -> {
            for (int p = 1; p < parts; p++) { // the parts added in order into part 0
                int from = p * total;
                for (int i = start; i < end; i++) {
                    du[i] += du[from + i];
                }
            }
        });
        executor.forEachRange(kernels, 1, (start, end) -> {
            for (int i = start; i < end; i++) {
                WinogradTransforms.filterGradient(du, i, kernels, gradWeight, i * 9);
            }
        });
    }

    /** Floats from one of a block's 16 matrices of {@code rows x tiles} to the next. */
    private static int planeStride(int rows, int tiles) {
        return rows * tiles + PLANE_PADDING;
    }

    /** {@code V[e] (C, tiles)} of block {@code b}, in the scratch's transformed array. */
    private static float[] transformInput(Tiling tiling, float[] x, int b, Scratch s) {
        Conv2dGeometry g = tiling.g();
        int channels = g.channels();
        int tiles = tiling.tilesIn(b);
        int plane = planeStride(channels, tiles);
        float[] v = s.transformed(ELEMENTS * plane);
        s.rows(INPUT_TILE * roundUp(OUTPUT_TILE * (tiling.tileColumns() + 1)) + LANES);
        // channel by channel, so that the vector past each run that inputRow writes is written again later
        for (int c = 0; c < channels; c++) {
            int channel = c;
            s.previousRunKey = -1;
            forEachRun(tiling, b, (sample, tileRow, firstTile, run, column) -> {
                int span = run + 1; // the 4 run + 2 input columns of the run, and two more, in four phases
                int rowStride = roundUp(OUTPUT_TILE * span);
                int channelOffset = (sample * channels + channel) * g.height() * g.width();
                int top = OUTPUT_TILE * tileRow - g.padHeight();
                int left = OUTPUT_TILE * firstTile - g.padWidth();
                int first = 0;
                long runKey = ((long) sample << 40) | ((long) tileRow << 20) | firstTile;
                long above = ((long) sample << 40) | ((long) (tileRow - 1) << 20) | firstTile;
                if (s.previousRunKey == above && s.previousRunLength == run) {
                    // tiles overlap by two rows: the last two input rows of the run above are this run's first two
                    System.arraycopy(s.rows, OUTPUT_TILE * rowStride, s.rows, 0, 2 * rowStride);
                    first = 2;
                }
                for (int i = first; i < INPUT_TILE; i++) {
                    splitRow(x, channelOffset, top + i, g.height(), g.width(), left, s.rows, i * rowStride, span);
                }
                WinogradTransforms.inputRow(s.rows, s.rowTransform, span, rowStride, run, v, channel * tiles + column,
                        plane);
                s.previousRunKey = runKey;
                s.previousRunLength = run;
            });
        }
        return v;
    }

    /**
     * Writes the 4x4 tiles of block {@code b} from {@code M[e] (K, tiles)} into {@code out}, plus {@code bias[k]} if
     * any, then mapped by {@code map} if not null.
     */
    private static void transformOutput(Tiling tiling, float[] m, int b, float[] bias, ChannelMap map, float[] out,
                                        Scratch s) {
        Conv2dGeometry g = tiling.g();
        int outChannels = tiling.outChannels();
        int outHeight = g.outHeight();
        int outWidth = g.outWidth();
        int tiles = tiling.tilesIn(b);
        int plane = planeStride(outChannels, tiles);
        forEachRun(tiling, b, (sample, tileRow, firstTile, run, column) -> {
            int stride = roundUp(run);
            s.rows(OUTPUT_TILE * OUTPUT_TILE * stride);
            float[] y = s.rows;
            int rows = Math.min(OUTPUT_TILE, outHeight - OUTPUT_TILE * tileRow);
            int x0 = OUTPUT_TILE * firstTile;
            int count = Math.min(OUTPUT_TILE * run, outWidth - x0);
            for (int k = 0; k < outChannels; k++) {
                WinogradTransforms.outputRow(m, k * tiles + column, plane, run, y, stride, s.columns);
                for (int r = 0; r < rows; r++) {
                    int o = ((sample * outChannels + k) * outHeight + OUTPUT_TILE * tileRow + r) * outWidth + x0;
                    int row = OUTPUT_TILE * r * stride;
                    interleave(y, row, stride, bias != null, bias != null ? bias[k] : 0f, map, k, out, o, count);
                }
            }
        });
    }

    /**
     * A per-channel affine map and perhaps a rectifier applied to a convolution's output as it is written:
     * {@code max(v scale[k] + shift[k], 0)}, or without the maximum; the same expression, so the same bits, as
     * {@link BatchNormLoops#rectifiedAffine} and {@link BatchNormLoops#affine} (batch normalisation with fixed
     * statistics, then a ReLU).
     */
    record ChannelMap(float[] scale, float[] shift, boolean rectified) {
    }

    /**
     * {@code out[o + i] = y[row + (i % 4) stride + i / 4]} for {@code i < count}, one output row from its phases,
     * plus {@code bias} when {@code withBias} (the convolution's bias, without a pass of its own; without it the
     * values are copied as they are, -0 included), then mapped as channel {@code k} by {@code map} if not null.
     */
    private static void interleave(float[] y, int row, int stride, boolean withBias, float bias, ChannelMap map,
                                   int k, float[] out, int o, int count) {
        // one loop per case, so that no element tests the flags
        int full = count / OUTPUT_TILE * OUTPUT_TILE;
        if (map != null) {
            float b = withBias ? bias : -0f; // v + (-0) is v, to the bit
            float a = map.scale()[k];
            float c = map.shift()[k];
            if (map.rectified()) {
                for (int i = 0, j = row; i < full; i += OUTPUT_TILE, j++) {
                    out[o + i] = Math.max((y[j] + b) * a + c, 0f);
                    out[o + i + 1] = Math.max((y[j + stride] + b) * a + c, 0f);
                    out[o + i + 2] = Math.max((y[j + 2 * stride] + b) * a + c, 0f);
                    out[o + i + 3] = Math.max((y[j + 3 * stride] + b) * a + c, 0f);
                }
            } else {
                for (int i = 0, j = row; i < full; i += OUTPUT_TILE, j++) {
                    out[o + i] = (y[j] + b) * a + c;
                    out[o + i + 1] = (y[j + stride] + b) * a + c;
                    out[o + i + 2] = (y[j + 2 * stride] + b) * a + c;
                    out[o + i + 3] = (y[j + 3 * stride] + b) * a + c;
                }
            }
            for (int i = full; i < count; i++) {
                float v = (y[row + (i % OUTPUT_TILE) * stride + i / OUTPUT_TILE] + b) * a + c;
                out[o + i] = map.rectified() ? Math.max(v, 0f) : v;
            }
            return;
        }
        for (int i = 0, j = row; i < full; i += OUTPUT_TILE, j++) {
            out[o + i] = withBias ? y[j] + bias : y[j];
            out[o + i + 1] = withBias ? y[j + stride] + bias : y[j + stride];
            out[o + i + 2] = withBias ? y[j + 2 * stride] + bias : y[j + 2 * stride];
            out[o + i + 3] = withBias ? y[j + 3 * stride] + bias : y[j + 3 * stride];
        }
        for (int i = full; i < count; i++) {
            float v = y[row + (i % OUTPUT_TILE) * stride + i / OUTPUT_TILE];
            out[o + i] = withBias ? v + bias : v;
        }
    }

    /** {@code dM[e] (K, tiles)} of block {@code b} from the output gradient, in the scratch's products array. */
    private static float[] transformOutputGradient(Tiling tiling, float[] gradOut, int b, Scratch s) {
        Conv2dGeometry g = tiling.g();
        int outChannels = tiling.outChannels();
        int outHeight = g.outHeight();
        int outWidth = g.outWidth();
        int tiles = tiling.tilesIn(b);
        int plane = planeStride(outChannels, tiles);
        float[] dm = s.products(ELEMENTS * plane);
        s.rows(OUTPUT_TILE * roundUp(OUTPUT_TILE * tiling.tileColumns()) + LANES);
        // channel by channel, so that the vector past each run that outputGradientRow writes is written again later
        for (int k = 0; k < outChannels; k++) {
            int channel = k;
            forEachRun(tiling, b, (sample, tileRow, firstTile, run, column) -> {
                int rowStride = roundUp(OUTPUT_TILE * run);
                int channelOffset = (sample * outChannels + channel) * outHeight * outWidth;
                for (int r = 0; r < OUTPUT_TILE; r++) {
                    splitRow(gradOut, channelOffset, OUTPUT_TILE * tileRow + r, outHeight, outWidth,
                            OUTPUT_TILE * firstTile, s.rows, r * rowStride, run);
                }
                WinogradTransforms.outputGradientRow(s.rows, run, rowStride, run, dm, channel * tiles + column, plane,
                        s.columns);
            });
        }
        return dm;
    }

    /**
     * Columns {@code left + i}, {@code i < 4 span}, of row {@code row} of the {@code height x width}
     * plane at {@code planeOffset}, split by phase: {@code dst[d + (i % 4) span + i / 4]}; zero outside
     * the plane.
     */
    private static void splitRow(float[] src, int planeOffset, int row, int height, int width, int left,
                                 float[] dst, int d, int span) {
        int length = OUTPUT_TILE * span;
        if (row < 0 || row >= height) {
            Arrays.fill(dst, d, d + length, 0f);
            return;
        }
        int from = Math.min(length, Math.max(0, -left)); // columns [from, to) lie inside the plane
        int to = Math.max(from, Math.min(length, width - left));
        int base = planeOffset + row * width + left;
        for (int i = 0; i < from; i++) { // the zeros left and right of the plane only
            dst[d + (i % OUTPUT_TILE) * span + i / OUTPUT_TILE] = 0f;
        }
        for (int i = to; i < length; i++) {
            dst[d + (i % OUTPUT_TILE) * span + i / OUTPUT_TILE] = 0f;
        }
        int i = from;
        for (; i < to && i % OUTPUT_TILE != 0; i++) {
            dst[d + (i % OUTPUT_TILE) * span + i / OUTPUT_TILE] = src[base + i];
        }
        // whole groups of four columns; j and k advance linearly, so that the JIT can drop the bounds checks
        int groups = (to - i) / OUTPUT_TILE;
        for (int j = d + i / OUTPUT_TILE, k = base + i, stop = j + groups; j < stop; j++, k += OUTPUT_TILE) {
            dst[j] = src[k];
            dst[j + span] = src[k + 1];
            dst[j + 2 * span] = src[k + 2];
            dst[j + 3 * span] = src[k + 3];
        }
        i += groups * OUTPUT_TILE;
        for (; i < to; i++) {
            dst[d + (i % OUTPUT_TILE) * span + i / OUTPUT_TILE] = src[base + i];
        }
    }
}

package org.advmusic.engine.backend.reference;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.DType;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.FusedKernels;
import org.advmusic.engine.Pool2dGeometry;
import org.advmusic.engine.RandomDistribution;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.ScalarFunctions;
import org.advmusic.engine.Shape;
import org.advmusic.engine.UnaryOp;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The float64 reference backend: each primitive is the textbook loop, with no tricks. Slow, and
 * meant to be: it is the oracle against which gradients and the fast backends are checked. Matrix
 * products run through EJML's float64 {@code CommonOps_DDRM}; the textbook loop they replace is
 * {@link #gemmByLoops}, and a test checks that the two agree.
 */
public final class ReferenceBackend implements Backend {
    private final AtomicLong live = new AtomicLong();
    private final ReferenceFusedKernels fused = new ReferenceFusedKernels(this);

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public DType dtype() {
        return DType.F64;
    }

    /** Never chosen by {@code auto}. */
    @Override
    public int autoPriority() {
        return -1;
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /** The composed defaults, except the power STFT: the plain DFT in float64 ({@link ReferenceFusedKernels}). */
    @Override
    public FusedKernels fused() {
        return fused;
    }

    @Override
    public long liveBuffers() {
        return live.get();
    }

    double[] d(DeviceBuffer b, String operation) {
        if (!(b instanceof DoubleArrayBuffer db) || b.backend() != this) {
            throw new IllegalArgumentException(operation + ": buffer belongs to the " + b.backend().name()
                    + " backend, expected reference");
        }
        return db.array(operation);
    }

    // ---------------------------------------------------------------- memory

    @Override
    public DeviceBuffer allocate(int length) {
        return new DoubleArrayBuffer(this, new double[length], live);
    }

    @Override
    public DeviceBuffer upload(double[] values) {
        return new DoubleArrayBuffer(this, values.clone(), live);
    }

    @Override
    public DeviceBuffer upload(float[] values) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return new DoubleArrayBuffer(this, v, live);
    }

    @Override
    public void download(DeviceBuffer src, double[] dst) {
        double[] s = d(src, "download");
        checkLength("download", s.length, dst.length);
        System.arraycopy(s, 0, dst, 0, s.length);
    }

    @Override
    public void download(DeviceBuffer src, float[] dst) {
        double[] s = d(src, "download");
        checkLength("download", s.length, dst.length);
        for (int i = 0; i < s.length; i++) {
            dst[i] = (float) s[i];
        }
    }

    private static void checkLength(String operation, int have, int want) {
        if (have != want) {
            throw new IllegalArgumentException(operation + ": buffer has " + have + " elements, destination " + want);
        }
    }

    @Override
    public void copy(DeviceBuffer src, int srcOffset, DeviceBuffer dst, int dstOffset, int length) {
        System.arraycopy(d(src, "copy"), srcOffset, d(dst, "copy"), dstOffset, length);
    }

    @Override
    public void copy2d(DeviceBuffer src, int srcOffset, int srcRowStride, DeviceBuffer dst, int dstOffset,
                       int dstRowStride, int rows, int columns) {
        double[] s = d(src, "copy2d");
        double[] t = d(dst, "copy2d");
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s, srcOffset + r * srcRowStride, t, dstOffset + r * dstRowStride, columns);
        }
    }

    @Override
    public void gatherRows(DeviceBuffer src, int rowLength, int[] rows, DeviceBuffer dst) {
        double[] s = d(src, "gatherRows");
        double[] t = d(dst, "gatherRows");
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(s, rows[r] * rowLength, t, r * rowLength, rowLength);
        }
    }

    @Override
    public void scatterRows(DeviceBuffer src, int rowLength, int[] rows, DeviceBuffer dst) {
        double[] s = d(src, "scatterRows");
        double[] t = d(dst, "scatterRows");
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(s, r * rowLength, t, rows[r] * rowLength, rowLength);
        }
    }

    @Override
    public void fill(DeviceBuffer dst, double value) {
        Arrays.fill(d(dst, "fill"), value);
    }

    @Override
    public void fillRandom(DeviceBuffer dst, RandomDistribution distribution, long seed, double a, double b) {
        double[] t = d(dst, "fillRandom");
        for (int i = 0; i < t.length; i++) {
            t[i] = distribution == RandomDistribution.UNIFORM
                    ? a + (b - a) * CounterRandom.uniform(seed, i)
                    : a + b * CounterRandom.normal(seed, i);
        }
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, DeviceBuffer x, DeviceBuffer out, int length, double p, double q) {
        double[] s = d(x, "unary");
        double[] t = d(out, "unary");
        for (int i = 0; i < length; i++) {
            t[i] = ScalarFunctions.unary(op, s[i], p, q);
        }
    }

    @Override
    public void binary(BinaryOp op, DeviceBuffer a, Shape aShape, DeviceBuffer b, Shape bShape, DeviceBuffer out,
                       Shape outShape) {
        double[] av = d(a, "binary");
        double[] bv = d(b, "binary");
        double[] o = d(out, "binary");
        int[] dims = outShape.dims();
        int[] strideA = aShape.broadcastStrides(outShape);
        int[] strideB = bShape.broadcastStrides(outShape);
        int[] index = new int[dims.length];
        for (int i = 0; i < outShape.size(); i++) {
            // offset of output element i in each operand: sum over axes of index * stride (0 where broadcast)
            int offA = 0;
            int offB = 0;
            for (int k = 0; k < dims.length; k++) {
                offA += index[k] * strideA[k];
                offB += index[k] * strideB[k];
            }
            o[i] = ScalarFunctions.binary(op, av[offA], bv[offB]);
            for (int k = dims.length - 1; k >= 0 && ++index[k] == dims[k]; k--) {
                index[k] = 0; // odometer: carry into the next axis to the left
            }
        }
    }

    @Override
    public void where(DeviceBuffer condition, DeviceBuffer a, DeviceBuffer b, DeviceBuffer out, int length) {
        double[] c = d(condition, "where");
        double[] av = d(a, "where");
        double[] bv = d(b, "where");
        double[] o = d(out, "where");
        for (int i = 0; i < length; i++) {
            o[i] = c[i] != 0 ? av[i] : bv[i];
        }
    }

    // ---------------------------------------------------------------- reductions and layout

    @Override
    public void reduce(ReduceOp op, DeviceBuffer x, int outer, int n, int inner, DeviceBuffer out) {
        double[] s = d(x, "reduce");
        double[] o = d(out, "reduce");
        for (int i = 0; i < outer; i++) {
            for (int k = 0; k < inner; k++) {
                double acc = s[i * n * inner + k];
                int best = 0;
                for (int j = 1; j < n; j++) {
                    double v = s[(i * n + j) * inner + k];
                    switch (op) {
                        case SUM -> acc += v;
                        case MAX -> acc = Math.max(acc, v); // NaN propagates
                        case MIN -> acc = Math.min(acc, v);
                        case ARGMAX -> {
                            if (v > acc) {
                                acc = v;
                                best = j;
                            }
                        }
                    }
                }
                o[i * inner + k] = op == ReduceOp.ARGMAX ? best : acc;
            }
        }
    }

    @Override
    public void permute(DeviceBuffer x, Shape shape, int[] axes, DeviceBuffer out) {
        double[] s = d(x, "permute");
        double[] o = d(out, "permute");
        int rank = shape.rank();
        int[] inStrides = shape.strides();
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = shape.dim(axes[i]);
        }
        int[] index = new int[rank]; // index into the output
        for (int i = 0; i < shape.size(); i++) {
            int src = 0;
            for (int k = 0; k < rank; k++) {
                src += index[k] * inStrides[axes[k]];
            }
            o[i] = s[src];
            for (int k = rank - 1; k >= 0 && ++index[k] == outDims[k]; k--) {
                index[k] = 0;
            }
        }
    }

    // ---------------------------------------------------------------- matrix products

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     DeviceBuffer a, int aOffset, int strideA, DeviceBuffer b, int bOffset, int strideB,
                     double beta, DeviceBuffer c, int cOffset, int strideC, int batch) {
        double[] av = d(a, "gemm");
        double[] bv = d(b, "gemm");
        double[] cv = d(c, "gemm");
        for (int t = 0; t < batch; t++) {
            int c0 = cOffset + t * strideC;
            // op(A_t) op(B_t) by EJML's float64 product, which gemmByLoops spells out (a test compares the two)
            DMatrixRMaj product = new DMatrixRMaj(m, n);
            if (k > 0 && m > 0 && n > 0) {
                DMatrixRMaj at = matrix(av, aOffset + t * strideA, transA ? k : m, transA ? m : k);
                DMatrixRMaj bt = matrix(bv, bOffset + t * strideB, transB ? n : k, transB ? k : n);
                if (transA && transB) {
                    CommonOps_DDRM.multTransAB(alpha, at, bt, product);
                } else if (transA) {
                    CommonOps_DDRM.multTransA(alpha, at, bt, product);
                } else if (transB) {
                    CommonOps_DDRM.multTransB(alpha, at, bt, product);
                } else {
                    CommonOps_DDRM.mult(alpha, at, bt, product);
                }
            }
            for (int i = 0; i < m * n; i++) {
                cv[c0 + i] = product.data[i] + (beta == 0 ? 0 : beta * cv[c0 + i]);
            }
        }
    }

    /** A copy of the {@code rows x columns} row-major matrix at {@code offset} of {@code values}. */
    private static DMatrixRMaj matrix(double[] values, int offset, int rows, int columns) {
        DMatrixRMaj matrix = new DMatrixRMaj(rows, columns);
        System.arraycopy(values, offset, matrix.data, 0, rows * columns);
        return matrix;
    }

    /**
     * What {@link #gemm} computes, as the textbook loop over {@code double[]} arrays (same arguments, with
     * arrays for buffers): {@code C_t[i, j] = alpha sum_p op(A_t)[i, p] op(B_t)[p, j] + beta C_t[i, j]}.
     */
    static void gemmByLoops(boolean transA, boolean transB, int m, int n, int k, double alpha,
                            double[] av, int aOffset, int strideA, double[] bv, int bOffset, int strideB,
                            double beta, double[] cv, int cOffset, int strideC, int batch) {
        for (int t = 0; t < batch; t++) {
            int a0 = aOffset + t * strideA;
            int b0 = bOffset + t * strideB;
            int c0 = cOffset + t * strideC;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        double aip = transA ? av[a0 + p * m + i] : av[a0 + i * k + p];
                        double bpj = transB ? bv[b0 + j * k + p] : bv[b0 + p * n + j];
                        sum += aip * bpj;
                    }
                    int ci = c0 + i * n + j;
                    cv[ci] = alpha * sum + (beta == 0 ? 0 : beta * cv[ci]);
                }
            }
        }
    }

    // ---------------------------------------------------------------- softmax family

    @Override
    public void softmax(DeviceBuffer x, int outer, int n, int inner, DeviceBuffer out, boolean log) {
        double[] s = d(x, "softmax");
        double[] o = d(out, "softmax");
        for (int i = 0; i < outer; i++) {
            for (int k = 0; k < inner; k++) {
                int base = i * n * inner + k;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, s[base + j * inner]);
                }
                double total = 0;
                for (int j = 0; j < n; j++) {
                    total += Math.exp(s[base + j * inner] - max);
                }
                double logTotal = Math.log(total);
                for (int j = 0; j < n; j++) {
                    double shifted = s[base + j * inner] - max;
                    o[base + j * inner] = log ? shifted - logTotal : Math.exp(shifted) / total;
                }
            }
        }
    }

    @Override
    public void softmaxCrossEntropy(DeviceBuffer logits, DeviceBuffer labels, int rows, int classes,
                                    DeviceBuffer probabilities, DeviceBuffer losses) {
        double[] z = d(logits, "softmaxCrossEntropy");
        double[] y = d(labels, "softmaxCrossEntropy");
        double[] l = d(losses, "softmaxCrossEntropy");
        softmax(logits, rows, classes, 1, probabilities, false);
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[r * classes + c]);
            }
            double total = 0;
            for (int c = 0; c < classes; c++) {
                total += Math.exp(z[r * classes + c] - max);
            }
            // -log softmax(z)[label] = log(sum exp(z - max)) + max - z[label]
            l[r] = Math.log(total) + max - z[r * classes + (int) y[r]];
        }
    }

    @Override
    public void softmaxCrossEntropyBackward(DeviceBuffer probabilities, DeviceBuffer labels, DeviceBuffer gradLosses,
                                            int rows, int classes, DeviceBuffer gradLogits) {
        double[] p = d(probabilities, "softmaxCrossEntropyBackward");
        double[] y = d(labels, "softmaxCrossEntropyBackward");
        double[] g = d(gradLosses, "softmaxCrossEntropyBackward");
        double[] o = d(gradLogits, "softmaxCrossEntropyBackward");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < classes; c++) {
                o[r * classes + c] = g[r] * (p[r * classes + c] - (c == (int) y[r] ? 1.0 : 0.0));
            }
        }
    }

    // ---------------------------------------------------------------- convolution and pooling

    @Override
    public void im2col(Conv2dGeometry g, DeviceBuffer x, int xOffset, DeviceBuffer col, int colOffset, int samples) {
        double[] s = d(x, "im2col");
        double[] o = d(col, "im2col");
        int oh = g.outHeight();
        int ow = g.outWidth();
        for (int n = 0; n < samples; n++) {
            int in0 = xOffset + n * g.inputSize();
            int out0 = colOffset + n * g.colRows() * g.colColumns();
            for (int c = 0; c < g.channels(); c++) {
                for (int ki = 0; ki < g.kernelHeight(); ki++) {
                    for (int kj = 0; kj < g.kernelWidth(); kj++) {
                        int row = (c * g.kernelHeight() + ki) * g.kernelWidth() + kj;
                        for (int oy = 0; oy < oh; oy++) {
                            for (int ox = 0; ox < ow; ox++) {
                                int iy = oy * g.strideHeight() - g.padHeight() + ki;
                                int ix = ox * g.strideWidth() - g.padWidth() + kj;
                                boolean inside = iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width();
                                o[out0 + row * g.colColumns() + oy * ow + ox] =
                                        inside ? s[in0 + (c * g.height() + iy) * g.width() + ix] : 0.0;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void col2im(Conv2dGeometry g, DeviceBuffer col, int colOffset, DeviceBuffer x, int xOffset, int samples) {
        double[] s = d(col, "col2im");
        double[] o = d(x, "col2im");
        Arrays.fill(o, xOffset, xOffset + samples * g.inputSize(), 0.0);
        int oh = g.outHeight();
        int ow = g.outWidth();
        for (int n = 0; n < samples; n++) {
            int x0 = xOffset + n * g.inputSize();
            int col0 = colOffset + n * g.colRows() * g.colColumns();
            for (int c = 0; c < g.channels(); c++) {
                for (int ki = 0; ki < g.kernelHeight(); ki++) {
                    for (int kj = 0; kj < g.kernelWidth(); kj++) {
                        int row = (c * g.kernelHeight() + ki) * g.kernelWidth() + kj;
                        for (int oy = 0; oy < oh; oy++) {
                            for (int ox = 0; ox < ow; ox++) {
                                int iy = oy * g.strideHeight() - g.padHeight() + ki;
                                int ix = ox * g.strideWidth() - g.padWidth() + kj;
                                if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                                    o[x0 + (c * g.height() + iy) * g.width() + ix] +=
                                            s[col0 + row * g.colColumns() + oy * ow + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void maxPool2d(Pool2dGeometry g, DeviceBuffer x, DeviceBuffer out, DeviceBuffer argmax) {
        double[] s = d(x, "maxPool2d");
        double[] o = d(out, "maxPool2d");
        double[] am = d(argmax, "maxPool2d");
        int oh = g.outHeight();
        int ow = g.outWidth();
        int plane = g.height() * g.width();
        for (int p = 0; p < g.planes(); p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int bestIndex = -1;
                    for (int ki = 0; ki < g.kernelHeight(); ki++) {
                        for (int kj = 0; kj < g.kernelWidth(); kj++) {
                            int iy = oy * g.strideHeight() - g.padHeight() + ki;
                            int ix = ox * g.strideWidth() - g.padWidth() + kj;
                            if (iy < 0 || iy >= g.height() || ix < 0 || ix >= g.width()) {
                                continue; // padding is -infinity
                            }
                            double v = s[p * plane + iy * g.width() + ix];
                            if (bestIndex < 0 || v > best || Double.isNaN(v) && !Double.isNaN(best)) {
                                best = v;
                                bestIndex = iy * g.width() + ix;
                            }
                        }
                    }
                    int oi = (p * oh + oy) * ow + ox;
                    o[oi] = best;
                    am[oi] = bestIndex;
                }
            }
        }
    }

    @Override
    public void maxPool2dBackward(Pool2dGeometry g, DeviceBuffer gradOut, DeviceBuffer argmax, DeviceBuffer gradIn) {
        double[] go = d(gradOut, "maxPool2dBackward");
        double[] am = d(argmax, "maxPool2dBackward");
        double[] gi = d(gradIn, "maxPool2dBackward");
        int outPlane = g.outHeight() * g.outWidth();
        int plane = g.height() * g.width();
        Arrays.fill(gi, 0, g.planes() * plane, 0.0);
        for (int p = 0; p < g.planes(); p++) {
            for (int j = 0; j < outPlane; j++) {
                gi[p * plane + (int) am[p * outPlane + j]] += go[p * outPlane + j];
            }
        }
    }

    @Override
    public void avgPool2d(Pool2dGeometry g, DeviceBuffer x, DeviceBuffer out) {
        double[] s = d(x, "avgPool2d");
        double[] o = d(out, "avgPool2d");
        int oh = g.outHeight();
        int ow = g.outWidth();
        int plane = g.height() * g.width();
        double window = g.kernelHeight() * g.kernelWidth();
        for (int p = 0; p < g.planes(); p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double sum = 0;
                    for (int ki = 0; ki < g.kernelHeight(); ki++) {
                        for (int kj = 0; kj < g.kernelWidth(); kj++) {
                            int iy = oy * g.strideHeight() - g.padHeight() + ki;
                            int ix = ox * g.strideWidth() - g.padWidth() + kj;
                            if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                                sum += s[p * plane + iy * g.width() + ix];
                            }
                        }
                    }
                    o[(p * oh + oy) * ow + ox] = sum / window;
                }
            }
        }
    }

    @Override
    public void avgPool2dBackward(Pool2dGeometry g, DeviceBuffer gradOut, DeviceBuffer gradIn) {
        double[] go = d(gradOut, "avgPool2dBackward");
        double[] gi = d(gradIn, "avgPool2dBackward");
        int oh = g.outHeight();
        int ow = g.outWidth();
        int plane = g.height() * g.width();
        double window = g.kernelHeight() * g.kernelWidth();
        Arrays.fill(gi, 0, g.planes() * plane, 0.0);
        for (int p = 0; p < g.planes(); p++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double share = go[(p * oh + oy) * ow + ox] / window;
                    for (int ki = 0; ki < g.kernelHeight(); ki++) {
                        for (int kj = 0; kj < g.kernelWidth(); kj++) {
                            int iy = oy * g.strideHeight() - g.padHeight() + ki;
                            int ix = ox * g.strideWidth() - g.padWidth() + kj;
                            if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) {
                                gi[p * plane + iy * g.width() + ix] += share;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void batchNormStatistics(DeviceBuffer x, int batch, int channels, int spatial, DeviceBuffer mean,
                                    DeviceBuffer variance) {
        double[] s = d(x, "batchNormStatistics");
        double[] m = d(mean, "batchNormStatistics");
        double[] v = d(variance, "batchNormStatistics");
        double count = (double) batch * spatial;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < spatial; k++) {
                    sum += s[(n * channels + c) * spatial + k];
                }
            }
            double mu = sum / count;
            double squares = 0;
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < spatial; k++) {
                    double dev = s[(n * channels + c) * spatial + k] - mu;
                    squares += dev * dev;
                }
            }
            m[c] = mu;
            v[c] = squares / count;
        }
    }

    /** Source coordinate of output pixel {@code dst} under align_corners=False, clamped at 0. */
    private static double sourceCoordinate(int dst, int in, int out) {
        double src = (dst + 0.5) * in / out - 0.5;
        return Math.max(src, 0.0);
    }

    @Override
    public void upsampleBilinear(DeviceBuffer x, int planes, int inHeight, int inWidth, int outHeight, int outWidth,
                                 DeviceBuffer out) {
        double[] s = d(x, "upsampleBilinear");
        double[] o = d(out, "upsampleBilinear");
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < outHeight; oy++) {
                double sy = sourceCoordinate(oy, inHeight, outHeight);
                int y0 = (int) sy;
                int y1 = Math.min(y0 + 1, inHeight - 1);
                double ly = sy - y0;
                for (int ox = 0; ox < outWidth; ox++) {
                    double sx = sourceCoordinate(ox, inWidth, outWidth);
                    int x0 = (int) sx;
                    int x1 = Math.min(x0 + 1, inWidth - 1);
                    double lx = sx - x0;
                    int base = p * inHeight * inWidth;
                    o[(p * outHeight + oy) * outWidth + ox] =
                            (1 - ly) * ((1 - lx) * s[base + y0 * inWidth + x0] + lx * s[base + y0 * inWidth + x1])
                                    + ly * ((1 - lx) * s[base + y1 * inWidth + x0] + lx * s[base + y1 * inWidth + x1]);
                }
            }
        }
    }

    @Override
    public void upsampleBilinearBackward(DeviceBuffer gradOut, int planes, int inHeight, int inWidth, int outHeight,
                                         int outWidth, DeviceBuffer gradIn) {
        double[] go = d(gradOut, "upsampleBilinearBackward");
        double[] gi = d(gradIn, "upsampleBilinearBackward");
        Arrays.fill(gi, 0, planes * inHeight * inWidth, 0.0);
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < outHeight; oy++) {
                double sy = sourceCoordinate(oy, inHeight, outHeight);
                int y0 = (int) sy;
                int y1 = Math.min(y0 + 1, inHeight - 1);
                double ly = sy - y0;
                for (int ox = 0; ox < outWidth; ox++) {
                    double sx = sourceCoordinate(ox, inWidth, outWidth);
                    int x0 = (int) sx;
                    int x1 = Math.min(x0 + 1, inWidth - 1);
                    double lx = sx - x0;
                    int base = p * inHeight * inWidth;
                    double g = go[(p * outHeight + oy) * outWidth + ox];
                    gi[base + y0 * inWidth + x0] += (1 - ly) * (1 - lx) * g;
                    gi[base + y0 * inWidth + x1] += (1 - ly) * lx * g;
                    gi[base + y1 * inWidth + x0] += ly * (1 - lx) * g;
                    gi[base + y1 * inWidth + x1] += ly * lx * g;
                }
            }
        }
    }
}

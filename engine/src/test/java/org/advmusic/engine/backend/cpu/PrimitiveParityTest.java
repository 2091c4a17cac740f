package org.advmusic.engine.backend.cpu;

import static org.advmusic.engine.backend.cpu.CpuTesting.assertClose;
import static org.advmusic.engine.backend.cpu.CpuTesting.download;
import static org.advmusic.engine.backend.cpu.CpuTesting.reference;
import static org.advmusic.engine.backend.cpu.CpuTesting.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Backend;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.Pool2dGeometry;
import org.advmusic.engine.RandomDistribution;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every primitive of the CPU backend except GEMM (see {@link GemmParityTest}) against the float64
 * reference, from identical float inputs. Tolerances, relative to the magnitude (see
 * {@link CpuTesting#assertClose}): 0 for data movement, {@value #ELEMENTWISE} for elementwise
 * functions (one float rounding), {@value #SUMS} for primitives that add in float (pooling,
 * col2im, softmax, statistics). Sizes are large enough that the loops are split across threads.
 */
class PrimitiveParityTest {
    static final double ELEMENTWISE = 1e-6;
    static final double SUMS = 1e-5;

    private static final CpuBackend CPU = CpuTesting.VECTOR;

    /** One primitive applied to buffers holding the inputs; returns the buffers to compare. */
    @FunctionalInterface
    interface Primitive {
        DeviceBuffer[] run(Backend backend, DeviceBuffer[] inputs);
    }

    /** Runs {@code primitive} on both backends with the same inputs and compares every returned buffer. */
    static void compare(String name, double tolerance, Primitive primitive, float[]... inputs) {
        DeviceBuffer[] expected = primitive.run(reference(), upload(reference(), inputs));
        DeviceBuffer[] actual = primitive.run(CPU, upload(CPU, inputs));
        for (int i = 0; i < expected.length; i++) {
            assertClose(name + ", output " + i, download(reference(), expected[i]), download(CPU, actual[i]),
                    tolerance);
        }
    }

    private static DeviceBuffer[] upload(Backend backend, float[][] inputs) {
        DeviceBuffer[] buffers = new DeviceBuffer[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            buffers[i] = backend.upload(inputs[i]);
        }
        return buffers;
    }

    /** Seeded values rounded to quarters, so that ties and exact equalities occur. */
    static float[] quarters(long seed, int n) {
        float[] v = values(seed, n, -2, 2);
        for (int i = 0; i < n; i++) {
            v[i] = Math.round(v[i] * 4) / 4f;
        }
        return v;
    }

    // ---------------------------------------------------------------- memory and data movement

    @Test
    void uploadDownloadFillAndRandom() {
        compare("upload", 0, (b, in) -> in, values(1, 1001));
        compare("fill", ELEMENTWISE, (b, in) -> {
            b.fill(in[0], 0.3);
            return in;
        }, values(2, 70_001));
        for (RandomDistribution d : RandomDistribution.values()) {
            compare("fillRandom " + d, ELEMENTWISE, (b, in) -> {
                b.fillRandom(in[0], d, 42, -0.5, 2.0);
                return in;
            }, new float[100_003]);
        }
        double[] exact = {0.1, -2.5, 1e-8};
        DeviceBuffer fromDoubles = CPU.upload(exact);
        float[] back = new float[3];
        CPU.download(fromDoubles, back);
        assertClose("upload(double[])", exact, new double[] {back[0], back[1], back[2]}, ELEMENTWISE);
    }

    @Test
    void copies() {
        compare("copy", 0, (b, in) -> {
            b.copy(in[0], 5, in[1], 11, 300);
            return new DeviceBuffer[] {in[1]};
        }, values(1, 400), values(2, 400));
        compare("copy2d", 0, (b, in) -> {
            b.copy2d(in[0], 3, 17, in[1], 2, 13, 20, 9);
            return new DeviceBuffer[] {in[1]};
        }, values(3, 400), values(4, 300));
        compare("copy2d large", 0, (b, in) -> {
            b.copy2d(in[0], 0, 1000, in[1], 500, 1500, 300, 1000);
            return new DeviceBuffer[] {in[1]};
        }, values(5, 300_000), values(6, 450_000));
        int[] rows = {4, 0, 4, 2};
        compare("gatherRows", 0, (b, in) -> {
            b.gatherRows(in[0], 7, rows, in[1]);
            return new DeviceBuffer[] {in[1]};
        }, values(7, 35), values(8, 28));
        compare("scatterRows", 0, (b, in) -> {
            b.scatterRows(in[0], 7, new int[] {3, 1}, in[1]);
            return new DeviceBuffer[] {in[1]};
        }, values(9, 14), values(10, 35));
    }

    // ---------------------------------------------------------------- elementwise

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unary(UnaryOp op) {
        boolean positiveOnly = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW;
        float[] x = positiveOnly ? values(11, 100_003, 0.05, 3) : quarters(11, 100_003);
        double p = switch (op) {
            case POW -> 2.5;
            case SCALE_SHIFT -> -1.5;
            case CLAMP, INSIDE -> -0.5;
            case GREATER_THAN -> 0.25;
            default -> 0;
        };
        double q = op == UnaryOp.SCALE_SHIFT ? 0.75 : 0.5;
        compare(op + " out of place", ELEMENTWISE, (b, in) -> {
            b.unary(op, in[0], in[1], 100_003, p, q);
            return new DeviceBuffer[] {in[1]};
        }, x, new float[100_003]);
        compare(op + " in place, prefix", ELEMENTWISE, (b, in) -> {
            b.unary(op, in[0], in[0], 777, p, q);
            return in;
        }, x);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryBroadcastPatterns(BinaryOp op) {
        int[][][] patterns = {
            {{300, 400}, {300, 400}},          // equal shapes
            {{300, 400}, {}},                  // scalar right
            {{}, {300, 400}},                  // scalar left
            {{500, 120}, {120}},               // row vector
            {{500, 1}, {500, 120}},            // column vector
            {{8, 16, 20, 30}, {1, 16, 1, 1}},  // per channel
            {{3, 1, 5}, {1, 4, 1}},            // both broadcast
            {{2, 3, 1}, {3, 7}},               // different ranks
        };
        for (int[][] pattern : patterns) {
            Shape a = Shape.of(pattern[0]);
            Shape b = Shape.of(pattern[1]);
            Shape out = Shape.broadcast("test", a, b);
            compare(op + " " + a + " with " + b, ELEMENTWISE, (backend, in) -> {
                backend.binary(op, in[0], a, in[1], b, in[2], out);
                return new DeviceBuffer[] {in[2]};
            }, quarters(12, a.size()), divisor(op, 13, b.size()), new float[out.size()]);
        }
        Shape big = Shape.of(4, 5);
        compare(op + " expanded to a larger output", ELEMENTWISE, (backend, in) -> {
            backend.binary(op, in[0], Shape.of(1, 5), in[1], Shape.scalar(), in[2], big);
            return new DeviceBuffer[] {in[2]};
        }, quarters(14, 5), divisor(op, 15, 1), new float[20]);
        Shape x = Shape.of(64, 32, 40);
        compare(op + " in place with a broadcast operand", ELEMENTWISE, (backend, in) -> {
            backend.binary(op, in[0], x, in[1], Shape.of(32, 1), in[0], x);
            return new DeviceBuffer[] {in[0]};
        }, quarters(16, x.size()), divisor(op, 17, 32));
    }

    /** Right operands: quarters, but bounded away from zero for division. */
    private static float[] divisor(BinaryOp op, long seed, int n) {
        return op == BinaryOp.DIV ? values(seed, n, 0.5, 1.5) : quarters(seed, n);
    }

    @Test
    void where() {
        float[] condition = quarters(18, 90_001);
        compare("where", 0, (b, in) -> {
            b.where(in[0], in[1], in[2], in[3], 90_001);
            return new DeviceBuffer[] {in[3]};
        }, condition, values(19, 90_001), values(20, 90_001), new float[90_001]);
    }

    // ---------------------------------------------------------------- reductions, layout, softmax

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduce(ReduceOp op) {
        int[][] views = {{1, 100_000, 1}, {50, 300, 1}, {7, 13, 5000}, {3, 1, 4}, {1, 40, 600}, {2, 5, 3}};
        for (int[] v : views) {
            compare(op + " over (outer, n, inner) = (" + v[0] + ", " + v[1] + ", " + v[2] + ")", SUMS, (b, in) -> {
                b.reduce(op, in[0], v[0], v[1], v[2], in[1]);
                return new DeviceBuffer[] {in[1]};
            }, quarters(21, v[0] * v[1] * v[2]), new float[v[0] * v[2]]);
        }
    }

    @Test
    void permute() {
        Object[][] cases = {
            {Shape.of(2, 3, 4, 5), new int[] {3, 2, 1, 0}},
            {Shape.of(2, 3, 4, 5), new int[] {0, 2, 1, 3}},
            {Shape.of(6, 5, 4, 3), new int[] {1, 0, 2, 3}},
            {Shape.of(16, 32, 20, 30), new int[] {0, 1, 3, 2}},
            {Shape.of(300, 500), new int[] {1, 0}},
            {Shape.of(7), new int[] {0}},
            {Shape.scalar(), new int[] {}},
        };
        for (Object[] c : cases) {
            Shape shape = (Shape) c[0];
            int[] axes = (int[]) c[1];
            compare("permute " + shape + " by " + java.util.Arrays.toString(axes), 0, (b, in) -> {
                b.permute(in[0], shape, axes, in[1]);
                return new DeviceBuffer[] {in[1]};
            }, values(22, shape.size()), new float[shape.size()]);
        }
    }

    @Test
    void softmax() {
        int[][] views = {{1000, 10, 1}, {4, 7, 300}, {2, 1, 3}, {3, 2000, 1}};
        for (int[] v : views) {
            for (boolean log : new boolean[] {false, true}) {
                compare((log ? "log " : "") + "softmax over (" + v[0] + ", " + v[1] + ", " + v[2] + ")", SUMS,
                        (b, in) -> {
                            b.softmax(in[0], v[0], v[1], v[2], in[1], log);
                            return new DeviceBuffer[] {in[1]};
                        }, values(23, v[0] * v[1] * v[2], -5, 5), new float[v[0] * v[1] * v[2]]);
            }
        }
    }

    @Test
    void softmaxCrossEntropyForwardAndBackward() {
        int[][] sizes = {{3000, 10}, {3, 1000}, {1, 1}};
        for (int[] size : sizes) {
            int rows = size[0];
            int classes = size[1];
            float[] labels = new float[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = (r * 7 + 3) % classes;
            }
            compare("cross entropy " + rows + "x" + classes, SUMS, (b, in) -> {
                b.softmaxCrossEntropy(in[0], in[1], rows, classes, in[2], in[3]);
                b.softmaxCrossEntropyBackward(in[2], in[1], in[4], rows, classes, in[5]);
                return new DeviceBuffer[] {in[2], in[3], in[5]};
            }, values(24, rows * classes, -4, 4), labels, new float[rows * classes], new float[rows],
                    values(25, rows), new float[rows * classes]);
        }
    }

    // ---------------------------------------------------------------- convolution and pooling

    @Test
    void im2colAndCol2im() {
        Conv2dGeometry[] geometries = {
            new Conv2dGeometry(3, 9, 8, 3, 3, 1, 1, 1, 1),
            new Conv2dGeometry(2, 7, 6, 3, 2, 2, 1, 1, 0),
            new Conv2dGeometry(2, 6, 7, 4, 4, 3, 2, 2, 1),
            new Conv2dGeometry(4, 5, 5, 1, 1, 1, 1, 0, 0),
            new Conv2dGeometry(1, 128, 130, 3, 3, 1, 1, 1, 1),
            new Conv2dGeometry(5, 3, 4, 5, 3, 1, 2, 2, 1),
        };
        for (Conv2dGeometry g : geometries) {
            int colSize = g.colRows() * g.colColumns();
            // samples 1 and 2 of three, at offsets, so the offsets matter
            compare("im2col " + g, 0, (b, in) -> {
                b.im2col(g, in[0], g.inputSize(), in[1], 5, 2);
                return new DeviceBuffer[] {in[1]};
            }, values(26, 3 * g.inputSize()), values(27, 5 + 2 * colSize));
            compare("col2im " + g, SUMS, (b, in) -> {
                b.col2im(g, in[0], 5, in[1], g.inputSize(), 2);
                return new DeviceBuffer[] {in[1]};
            }, values(28, 5 + 2 * colSize), values(29, 3 * g.inputSize()));
        }
    }

    /** Stride 1 and padding, a rectangular kernel with stride 2, and one input channel. */
    private static final Conv2dGeometry[] FUSED_CONVOLUTIONS = {
        new Conv2dGeometry(5, 20, 21, 3, 3, 1, 1, 1, 1),
        new Conv2dGeometry(3, 17, 12, 5, 3, 2, 1, 2, 0),
        new Conv2dGeometry(1, 40, 30, 3, 3, 1, 1, 1, 1),
    };

    @Test
    void conv2dPacksTheUnfoldedInputStraightIntoTheGemm() {
        int batch = 3;
        int outChannels = 13;
        for (Conv2dGeometry g : FUSED_CONVOLUTIONS) {
            int outSize = batch * outChannels * g.colColumns();
            float[] x = values(40, batch * g.inputSize());
            float[] w = values(41, outChannels * g.colRows());
            DeviceBuffer expected = reference().allocate(outSize);
            reference().fused().conv2d(g, reference().upload(x), reference().upload(w), null, outChannels, expected, batch);
            for (CpuBackend cpu : CpuTesting.backends()) {
                DeviceBuffer actual = cpu.upload(values(42, outSize));
                cpu.fused().conv2d(g, cpu.upload(x), cpu.upload(w), null, outChannels, actual, batch);
                assertClose("conv2d " + g + " with the " + cpu.gemmKernelName() + " kernel",
                        download(reference(), expected), download(cpu, actual), SUMS);
            }
        }
    }

    @Test
    void conv2dWeightGradientPacksTheUnfoldedInputAsTheLeftOperand() {
        int batch = 5;
        int outChannels = 13;
        for (Conv2dGeometry g : FUSED_CONVOLUTIONS) {
            float[] x = values(43, batch * g.inputSize());
            float[] gradOut = values(44, batch * outChannels * g.colColumns());
            DeviceBuffer expected = reference().allocate(outChannels * g.colRows());
            reference().fused().conv2dWeightGradient(g, reference().upload(x), reference().upload(gradOut), outChannels,
                    expected, batch);
            for (CpuBackend cpu : CpuTesting.backends()) {
                DeviceBuffer actual = cpu.upload(values(45, outChannels * g.colRows()));
                cpu.fused().conv2dWeightGradient(g, cpu.upload(x), cpu.upload(gradOut), outChannels, actual, batch);
                // each entry sums up to 6000 float32 products (1200 positions x 5 samples)
                assertClose("conv2d weight gradient " + g + " with the " + cpu.gemmKernelName() + " kernel",
                        download(reference(), expected), download(cpu, actual), 5 * SUMS);
            }
        }
    }

    /**
     * The input gradient: by the flipped kernel where it suits (9 and 12 channels, 3x3, stride 1, with the
     * Winograd forward for the second), by GEMM and col2im elsewhere (5 channels, strided, a mono first
     * layer), against the reference's composed GEMM and col2im.
     */
    @Test
    void conv2dInputGradientMatchesTheComposedProductAndFold() {
        int batch = 3;
        int outChannels = 16;
        Conv2dGeometry[] geometries = {
            new Conv2dGeometry(9, 11, 10, 3, 3, 1, 1, 1, 1),
            new Conv2dGeometry(16, 13, 9, 3, 3, 1, 1, 1, 1),
            FUSED_CONVOLUTIONS[0], FUSED_CONVOLUTIONS[1], FUSED_CONVOLUTIONS[2],
        };
        for (Conv2dGeometry g : geometries) {
            float[] gradOut = values(46, batch * outChannels * g.colColumns());
            float[] w = values(47, outChannels * g.colRows());
            DeviceBuffer expected = reference().allocate(batch * g.inputSize());
            reference().fused().conv2dInputGradient(g, reference().upload(gradOut), reference().upload(w), outChannels,
                    expected, batch);
            for (CpuBackend cpu : CpuTesting.backends()) {
                DeviceBuffer actual = cpu.upload(values(48, batch * g.inputSize()));
                cpu.fused().conv2dInputGradient(g, cpu.upload(gradOut), cpu.upload(w), outChannels, actual, batch);
                // as the Winograd forward pass where it runs (16 channels in and out): 5 SUMS
                assertClose("conv2d input gradient " + g + " with the " + cpu.gemmKernelName() + " kernel",
                        download(reference(), expected), download(cpu, actual), 5 * SUMS);
            }
        }
    }

    /**
     * Stride-1 3x3 convolutions that run Winograd's F(4x4, 3x3): output sizes of every remainder modulo 4
     * (partly empty edge tiles), rows of more than one vector of tiles, paddings 0 to 2 and uneven, and
     * blocks of tiles that cross rows and samples.
     */
    private static final Conv2dGeometry[] WINOGRAD_CONVOLUTIONS = {
        new Conv2dGeometry(16, 40, 37, 3, 3, 1, 1, 1, 1),
        new Conv2dGeometry(17, 9, 12, 3, 3, 1, 1, 0, 0),
        new Conv2dGeometry(16, 7, 6, 3, 3, 1, 1, 2, 2),
        new Conv2dGeometry(20, 5, 8, 3, 3, 1, 1, 1, 0),
    };

    @Test
    void winogradConvolutionMatchesTheReference() {
        int batch = 3;
        int outChannels = 18;
        for (Conv2dGeometry g : WINOGRAD_CONVOLUTIONS) {
            assertTrue(WinogradConvolution.applies(g, outChannels), g::toString);
            int outSize = batch * outChannels * g.colColumns();
            float[] x = values(46, batch * g.inputSize());
            float[] w = values(47, outChannels * g.colRows());
            DeviceBuffer expected = reference().allocate(outSize);
            reference().fused().conv2d(g, reference().upload(x), reference().upload(w), null, outChannels, expected, batch);
            for (CpuBackend cpu : CpuTesting.backends()) {
                DeviceBuffer actual = cpu.upload(values(48, outSize));
                cpu.fused().conv2d(g, cpu.upload(x), cpu.upload(w), null, outChannels, actual, batch);
                // each output sums 9 C products, computed through transforms that add up to 36 terms
                assertClose("Winograd conv2d " + g + " with the " + cpu.gemmKernelName() + " kernel",
                        download(reference(), expected), download(cpu, actual), 5 * SUMS);
            }
        }
    }

    /**
     * The bias inside the convolution (Winograd adds it as it writes its output tiles, im2col after the
     * product): the same bits as the convolution without it followed by the broadcasting addition, and close
     * to the reference's composition.
     */
    @Test
    void conv2dWithBiasIsTheConvolutionFollowedByTheBroadcastAddition() {
        int batch = 3;
        int outChannels = 18;
        Conv2dGeometry[] geometries = {WINOGRAD_CONVOLUTIONS[0], WINOGRAD_CONVOLUTIONS[2], FUSED_CONVOLUTIONS[1]};
        for (Conv2dGeometry g : geometries) {
            int outSize = batch * outChannels * g.colColumns();
            Shape layout = Shape.of(batch, outChannels, g.colColumns());
            float[] x = values(51, batch * g.inputSize());
            float[] w = values(52, outChannels * g.colRows());
            float[] bias = values(53, outChannels);
            DeviceBuffer expected = reference().allocate(outSize);
            reference().fused().conv2d(g, reference().upload(x), reference().upload(w), reference().upload(bias),
                    outChannels, expected, batch);
            for (CpuBackend cpu : CpuTesting.backends()) {
                DeviceBuffer composed = cpu.allocate(outSize);
                cpu.fused().conv2d(g, cpu.upload(x), cpu.upload(w), null, outChannels, composed, batch);
                cpu.binary(BinaryOp.ADD, composed, layout, cpu.upload(bias), Shape.of(1, outChannels, 1), composed,
                        layout);
                DeviceBuffer fused = cpu.upload(values(54, outSize));
                cpu.fused().conv2d(g, cpu.upload(x), cpu.upload(w), cpu.upload(bias), outChannels, fused, batch);
                String what = "conv2d with bias " + g + " with the " + cpu.gemmKernelName() + " kernel";
                CpuTesting.assertBitIdentical(what, floats(cpu, composed), floats(cpu, fused));
                assertClose(what, download(reference(), expected), download(cpu, fused), 5 * SUMS);
            }
        }
    }

    private static float[] floats(CpuBackend cpu, DeviceBuffer buffer) {
        double[] values = download(cpu, buffer);
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (float) values[i];
        }
        return result;
    }

    @Test
    void winogradWeightGradientMatchesTheReference() {
        int batch = 3;
        int outChannels = 16;
        for (Conv2dGeometry g : WINOGRAD_CONVOLUTIONS) {
            float[] x = values(49, batch * g.inputSize());
            float[] gradOut = values(50, batch * outChannels * g.colColumns());
            DeviceBuffer expected = reference().allocate(outChannels * g.colRows());
            reference().fused().conv2dWeightGradient(g, reference().upload(x), reference().upload(gradOut), outChannels,
                    expected, batch);
            for (CpuBackend cpu : CpuTesting.backends()) {
                DeviceBuffer actual = cpu.upload(values(51, outChannels * g.colRows()));
                cpu.fused().conv2dWeightGradient(g, cpu.upload(x), cpu.upload(gradOut), outChannels, actual, batch);
                // each entry sums up to 4440 float32 products (1480 positions x 3 samples) in the transformed
                // domain, where F(4x4, 3x3)'s coefficients (up to 8 in A, down to 1/24 in G) enlarge rounding
                // errors: about 1e-4 of the magnitude here, against 1e-6 for the im2col sums
                assertClose("Winograd conv2d weight gradient " + g + " with the " + cpu.gemmKernelName()
                        + " kernel", download(reference(), expected), download(cpu, actual), 20 * SUMS);
            }
        }
    }

    @Test
    void pooling() {
        Pool2dGeometry[] geometries = {
            new Pool2dGeometry(2, 3, 8, 8, 2, 2, 2, 2, 0, 0),
            new Pool2dGeometry(2, 2, 7, 6, 3, 3, 2, 2, 1, 1),
            new Pool2dGeometry(1, 3, 5, 7, 2, 3, 1, 2, 1, 1),
            new Pool2dGeometry(16, 8, 64, 65, 2, 2, 2, 2, 0, 0),
        };
        for (Pool2dGeometry g : geometries) {
            int in = g.planes() * g.height() * g.width();
            int out = g.planes() * g.outHeight() * g.outWidth();
            compare("max pool " + g, SUMS, (b, x) -> {
                b.maxPool2d(g, x[0], x[1], x[2]);
                b.maxPool2dBackward(g, x[3], x[2], x[4]);
                return new DeviceBuffer[] {x[1], x[2], x[4]};
            }, quarters(30, in), new float[out], new float[out], values(31, out), values(32, in));
            compare("average pool " + g, SUMS, (b, x) -> {
                b.avgPool2d(g, x[0], x[1]);
                b.avgPool2dBackward(g, x[2], x[3]);
                return new DeviceBuffer[] {x[1], x[3]};
            }, values(33, in), new float[out], values(34, out), values(35, in));
        }
    }

    @Test
    void maxPoolingPropagatesTheFirstNaNAndHandlesInfinities() {
        int in = 2 * 6 * 6;
        float[] x = quarters(36, in);
        x[0] = Float.NaN;                  // a window that starts with NaN
        x[2 * 6 + 3] = Float.NaN;          // two NaNs in one window: the first in window order wins
        x[3 * 6 + 2] = Float.NaN;
        x[3 * 6 + 3] = Float.POSITIVE_INFINITY;
        for (int i : new int[] {4, 5, 10, 11}) {
            x[i] = Float.NEGATIVE_INFINITY; // a window of -inf only
        }
        x[36 + 7] = Float.POSITIVE_INFINITY;
        x[36 + 6] = Float.POSITIVE_INFINITY; // tied infinities: the first wins
        // the unrolled 2x2 loop and the general one
        for (Pool2dGeometry g : new Pool2dGeometry[] {new Pool2dGeometry(1, 2, 6, 6, 2, 2, 2, 2, 0, 0),
                                                      new Pool2dGeometry(1, 2, 6, 6, 3, 3, 2, 2, 1, 1)}) {
            int out = g.planes() * g.outHeight() * g.outWidth();
            compare("max pool with NaN and infinities " + g, SUMS, (b, t) -> {
                b.maxPool2d(g, t[0], t[1], t[2]);
                return new DeviceBuffer[] {t[1], t[2]};
            }, x, new float[out], new float[out]);
        }
    }

    @Test
    void batchNormStatistics() {
        int[][] sizes = {{8, 5, 1000}, {3, 2, 1}, {64, 32, 130}};
        for (int[] s : sizes) {
            compare("batch norm statistics " + s[0] + "x" + s[1] + "x" + s[2], SUMS, (b, in) -> {
                b.batchNormStatistics(in[0], s[0], s[1], s[2], in[1], in[2]);
                return new DeviceBuffer[] {in[1], in[2]};
            }, values(36, s[0] * s[1] * s[2], -1, 3), new float[s[1]], new float[s[1]]);
        }
    }

    @Test
    void batchNormChannelMaps() {
        // (batch, channels, spatial): spatial 1 is BatchNorm1d; the larger ones are split across threads
        int[][] sizes = {{8, 5, 1000}, {3, 2, 1}, {33, 7, 1}, {5, 3, 17}, {64, 32, 130}, {0, 3, 4}, {2, 0, 3}};
        for (int[] s : sizes) {
            int n = s[0];
            int c = s[1];
            int spatial = s[2];
            int size = n * c * spatial;
            String layout = " " + n + "x" + c + "x" + spatial;
            compare("channelAffine" + layout, ELEMENTWISE, (b, in) -> {
                b.fused().channelAffine(in[0], n, c, spatial, in[1], in[2], in[3]);
                b.fused().channelAffine(in[0], n, c, spatial, in[1], null, in[4]);
                return new DeviceBuffer[] {in[3], in[4]};
            }, values(43, size), values(44, c), values(45, c), new float[size], new float[size]);
            compare("rectified channel maps" + layout, ELEMENTWISE, (b, in) -> {
                b.fused().rectifiedChannelAffine(in[0], n, c, spatial, in[1], in[2], in[3]);
                b.fused().rectifiedChannelScale(in[4], in[3], n, c, spatial, in[1], in[5]);
                return new DeviceBuffer[] {in[3], in[5]};
            }, values(143, size), values(144, c), values(145, c), new float[size], values(146, size), new float[size]);
            compare("channelLinearCombination" + layout, ELEMENTWISE, (b, in) -> {
                b.fused().channelLinearCombination(in[0], in[1], n, c, spatial, in[2], in[3], in[4], in[5]);
                return new DeviceBuffer[] {in[5]};
            }, values(46, size), values(47, size), values(48, c), values(49, c), values(50, c), new float[size]);
            compare("batchNormGradientSums" + layout, SUMS, (b, in) -> {
                b.fused().batchNormGradientSums(in[0], in[1], in[2], n, c, spatial, in[3], in[4]);
                return new DeviceBuffer[] {in[3], in[4]};
            }, values(51, size), values(52, size, -1, 3), values(53, c, 0, 2), new float[c], new float[c]);
        }
    }

    @Test
    void batchNormChannelMapsRejectBuffersOfTheWrongLength() {
        DeviceBuffer data = CPU.allocate(24);
        DeviceBuffer perChannel = CPU.allocate(3);
        IllegalArgumentException shortOutput = assertThrows(IllegalArgumentException.class,
                () -> CPU.fused().channelAffine(data, 2, 3, 4, perChannel, null, CPU.allocate(23)));
        assertEquals("channelAffine: a (2, 3, 4) buffer has 23 elements, expected 24", shortOutput.getMessage());
        IllegalArgumentException shortMean = assertThrows(IllegalArgumentException.class,
                () -> CPU.fused().batchNormGradientSums(data, data, CPU.allocate(2), 2, 3, 4, perChannel, perChannel));
        assertEquals("batchNormGradientSums: a per-channel buffer has 2 elements, expected 3", shortMean.getMessage());
    }

    @Test
    void upsampleBilinear() {
        int[][] sizes = {{3, 4, 5, 9, 7}, {2, 6, 6, 3, 4}, {64, 16, 16, 32, 33}};
        for (int[] s : sizes) {
            int in = s[0] * s[1] * s[2];
            int out = s[0] * s[3] * s[4];
            compare("bilinear " + java.util.Arrays.toString(s), SUMS, (b, x) -> {
                b.upsampleBilinear(x[0], s[0], s[1], s[2], s[3], s[4], x[1]);
                b.upsampleBilinearBackward(x[2], s[0], s[1], s[2], s[3], s[4], x[3]);
                return new DeviceBuffer[] {x[1], x[3]};
            }, values(37, in), new float[out], values(38, out), values(39, in));
        }
    }
}

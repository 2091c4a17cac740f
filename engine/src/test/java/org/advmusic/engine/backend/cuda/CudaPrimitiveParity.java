package org.advmusic.engine.backend.cuda;

import static org.advmusic.engine.backend.cuda.ParityAssertions.tensor;
import static org.advmusic.engine.backend.cuda.ParityAssertions.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Pool2dGeometry;
import org.advmusic.engine.RandomDistribution;
import org.advmusic.engine.ReduceOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.junit.jupiter.api.Test;

/**
 * Parity of every {@link Backend} primitive of the CUDA backend with the float64 reference, on
 * inputs chosen to reach each kernel's edge cases (padding, odd sizes, both reduction strategies,
 * NaN and signed zeros, ties). Implemented by the GPU and emulator test classes.
 */
interface CudaPrimitiveParity {
    /** Float32 rounding of an operation on values of order one. */
    double FLOAT = 2e-6;

    CudaBackend cuda();

    Backend reference();

    boolean largeCases();

    void compare(String what, double absolute, double relative, CudaParityFixture.Computation c);

    void compareExactly(String what, CudaParityFixture.Computation c);

    // ---------------------------------------------------------------- memory

    @Test
    default void uploadDownloadAllocateAndFill() {
        float[] values = {1.5f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, 3e-39f, 7};
        DeviceBuffer b = cuda().upload(values);
        float[] back = new float[values.length];
        cuda().download(b, back);
        assertArrayEquals(values, back);
        double[] wide = new double[values.length];
        cuda().download(b, wide);
        assertEquals(-0.0, wide[1]);
        assertTrue(Double.isNaN(wide[2]));
        b.release();

        DeviceBuffer fromDoubles = cuda().upload(new double[] {0.1, 1e40});
        cuda().download(fromDoubles, back = new float[2]);
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY}, back);
        fromDoubles.release();

        long live = cuda().liveBuffers();
        DeviceBuffer zeros = cuda().allocate(1000);
        assertEquals(live + 1, cuda().liveBuffers());
        float[] z = new float[1000];
        cuda().fill(zeros, 9);
        zeros.release();
        DeviceBuffer reused = cuda().allocate(1000); // the cache may hand back the same block: it must be zeroed
        cuda().download(reused, z);
        assertArrayEquals(new float[1000], z);
        cuda().fill(reused, -2.25);
        cuda().download(reused, z);
        for (float v : z) {
            assertEquals(-2.25f, v);
        }
        reused.release();
        DeviceBuffer empty = cuda().allocate(0);
        cuda().fill(empty, 1);
        cuda().download(empty, new float[0]);
        empty.release();
        assertEquals(live, cuda().liveBuffers());
        assertThrows(IllegalStateException.class, () -> cuda().fill(empty, 1), "a released buffer cannot be used");
    }

    @Test
    default void uniformRandomFillIsBitIdenticalToTheCounterGenerator() {
        compareExactly("uniform [-2, 3)", b -> Tensor.uniform(b, 1234567L, Shape.of(10007), -2, 3));
        compareExactly("uniform [0, 1), negative seed", b -> Tensor.uniform(b, -99L, Shape.of(4, 33), 0, 1));
    }

    @Test
    default void normalRandomFillMatchesTheCounterGeneratorToTheLastBit() {
        int n = 20011;
        double[] expected = Tensor.normal(reference(), 42L, Shape.of(n), 0.5, 2.0).toDoubleArray();
        float[] actual = Tensor.normal(cuda(), 42L, Shape.of(n), 0.5, 2.0).toFloatArray();
        int different = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) expected[i];
            if (e != actual[i]) {
                different++;
                // CUDA's double log and cos may differ from Java's in the last bit of the double,
                // which can move the float by one unit in the last place, nothing more
                assertTrue(Math.abs(e - actual[i]) <= Math.ulp(e), "element " + i + ": " + actual[i] + " vs " + e);
            }
        }
        assertTrue(different <= n / 1000, different + " of " + n + " normal values differ in the last bit");
    }

    // ---------------------------------------------------------------- copies

    @Test
    default void copiesGathersAndScatters() {
        compareExactly("copy with offsets", b -> {
            Tensor src = uniform(b, 1, -1, 1, 50);
            Tensor dst = Tensor.zeros(b, Shape.of(40));
            b.copy(src.buffer(), 7, dst.buffer(), 3, 30);
            return dst;
        });
        compareExactly("overlapping copy forward in one buffer", b -> {
            Tensor t = uniform(b, 2, -1, 1, 50);
            b.copy(t.buffer(), 0, t.buffer(), 5, 40);
            return t;
        });
        compareExactly("overlapping copy backward in one buffer", b -> {
            Tensor t = uniform(b, 3, -1, 1, 50);
            b.copy(t.buffer(), 9, t.buffer(), 2, 40);
            return t;
        });
        compareExactly("copy2d between strided layouts", b -> {
            Tensor src = uniform(b, 4, -1, 1, 60);
            Tensor dst = Tensor.full(b, Shape.of(70), 5);
            b.copy2d(src.buffer(), 2, 11, dst.buffer(), 1, 13, 5, 9);
            return dst;
        });
        compareExactly("copy2d repeating one row (source stride 0)", b -> {
            Tensor src = uniform(b, 5, -1, 1, 8);
            Tensor dst = Tensor.zeros(b, Shape.of(4, 8));
            b.copy2d(src.buffer(), 0, 0, dst.buffer(), 0, 8, 4, 8);
            return dst;
        });
        compareExactly("gather rows with repeats", b -> {
            Tensor src = uniform(b, 6, -1, 1, 6, 5);
            Tensor dst = Tensor.empty(b, Shape.of(7, 5));
            b.gatherRows(src.buffer(), 5, new int[] {5, 0, 0, 3, 2, 5, 1}, dst.buffer());
            return dst;
        });
        compareExactly("scatter rows, a duplicate keeps the last", b -> {
            Tensor src = uniform(b, 7, -1, 1, 4, 3);
            Tensor dst = Tensor.full(b, Shape.of(6, 3), -7);
            b.scatterRows(src.buffer(), 3, new int[] {4, 1, 4, 0}, dst.buffer());
            return dst;
        });
    }

    // ---------------------------------------------------------------- elementwise

    /** Ordinary values and the special ones each function must treat like Java does. */
    private static float[] unaryInputs() {
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.5f, 1.5f, 2.5f,
            -2.5f, -0.5f, 1e-30f, -1e-30f, 88f, -88f, 100f, -100f, 0.25f};
        float[] random = uniform(11, 1000, -4, 4);
        float[] all = new float[special.length + random.length];
        System.arraycopy(special, 0, all, 0, special.length);
        System.arraycopy(random, 0, all, special.length, random.length);
        return all;
    }

    @Test
    default void everyUnaryOperation() {
        float[] x = unaryInputs();
        for (UnaryOp op : UnaryOp.values()) {
            double p = switch (op) {
                case POW -> 2.5;
                case SCALE_SHIFT -> 1.5;
                case CLAMP, INSIDE -> -0.5;
                case GREATER_THAN -> 0.25;
                default -> 0;
            };
            double q = op == UnaryOp.SCALE_SHIFT ? -0.25 : 0.5;
            compare(op + "(x; " + p + ", " + q + ")", 1e-30, FLOAT, b -> {
                Tensor in = tensor(b, x, x.length);
                Tensor out = Tensor.empty(b, in.shape());
                b.unary(op, in.buffer(), out.buffer(), x.length, p, q);
                return out;
            });
        }
        compare("pow with an integer exponent on negative inputs", 1e-30, FLOAT, b -> {
            Tensor in = tensor(b, x, x.length);
            b.unary(UnaryOp.POW, in.buffer(), in.buffer(), x.length, 3, 0); // in place
            return in;
        });
    }

    @Test
    default void everyBinaryOperationWithBroadcasting() {
        int[][][] shapes = { // a, b, out
            {{3, 4, 5}, {3, 4, 5}, {3, 4, 5}},
            {{3, 4, 5}, {5}, {3, 4, 5}},
            {{3, 1, 5}, {3, 4, 1}, {3, 4, 5}},
            {{}, {2, 3}, {2, 3}},
            {{4, 1}, {1, 6}, {2, 4, 6}},                  // both expanded to a larger output
            {{2, 1, 3, 1, 2}, {1, 4, 1, 5, 1}, {2, 4, 3, 5, 2}},
        };
        for (BinaryOp op : BinaryOp.values()) {
            for (int[][] s : shapes) {
                Shape as = Shape.of(s[0]);
                Shape bs = Shape.of(s[1]);
                Shape os = Shape.of(s[2]);
                compare(op + " " + as + " with " + bs + " to " + os, 1e-30, FLOAT, b -> {
                    // small integers make ties for the comparisons; a few specials go in front
                    float[] av = uniform(21, as.size(), -3, 3);
                    float[] bv = uniform(22, bs.size(), -3, 3);
                    for (int i = 0; i < av.length; i++) {
                        av[i] = i % 3 == 0 ? Math.round(av[i]) : av[i];
                    }
                    for (int i = 0; i < bv.length; i++) {
                        bv[i] = i % 2 == 0 ? Math.round(bv[i]) : bv[i];
                    }
                    Tensor a = tensor(b, av, as.dims());
                    Tensor bb = tensor(b, bv, bs.dims());
                    Tensor out = Tensor.empty(b, os);
                    b.binary(op, a.buffer(), as, bb.buffer(), bs, out.buffer(), os);
                    return out;
                });
            }
        }
        float[] specialsA = {Float.NaN, 1, -0f, 0f, 2, Float.NEGATIVE_INFINITY};
        float[] specialsB = {1, Float.NaN, 0f, -0f, 2, 5};
        for (BinaryOp op : BinaryOp.values()) {
            compare(op + " on NaN, signed zeros and ties", 0, 0, b -> {
                Tensor a = tensor(b, specialsA, 6);
                Tensor out = Tensor.empty(b, a.shape());
                b.binary(op, a.buffer(), a.shape(), tensor(b, specialsB, 6).buffer(), a.shape(), out.buffer(), a.shape());
                return out;
            });
        }
        compare("in place, output = a, b broadcast", 1e-30, FLOAT, b -> {
            Tensor a = uniform(b, 23, -1, 1, 4, 3, 5);
            Tensor bias = uniform(b, 24, -1, 1, 1, 3, 1);
            b.binary(BinaryOp.ADD, a.buffer(), a.shape(), bias.buffer(), bias.shape(), a.buffer(), a.shape());
            return a;
        });
    }

    @Test
    default void where() {
        compareExactly("where", b -> {
            float[] c = uniform(31, 200, -1, 1);
            c[0] = Float.NaN; // NaN counts as true, like any non-zero value
            for (int i = 1; i < c.length; i += 2) {
                c[i] = 0;
            }
            Tensor out = Tensor.empty(b, Shape.of(200));
            b.where(tensor(b, c, 200).buffer(), uniform(b, 32, -1, 1, 200).buffer(), uniform(b, 33, -1, 1, 200).buffer(),
                    out.buffer(), 200);
            return out;
        });
    }

    // ---------------------------------------------------------------- reductions and layout

    @Test
    default void everyReductionWithBothThreadMappings() {
        int[][] layouts = { // (outer, n, inner): few long slices take the block-per-output kernel
            {3, 5, 4}, {64, 10, 1}, {1, 1, 7}, {2, 300, 3}, {1, 5000, 1}, {5, 130, 1}, {1, 40, 700},
        };
        for (ReduceOp op : ReduceOp.values()) {
            for (int[] l : layouts) {
                int size = l[0] * l[1] * l[2];
                compare(op + " over (" + l[0] + ", " + l[1] + ", " + l[2] + ")", 1e-6 * l[1], FLOAT, b -> {
                    float[] v = uniform(41 + l[1], size, -1, 1);
                    if (op == ReduceOp.ARGMAX) {
                        for (int i = 0; i < size; i++) {
                            v[i] = Math.round(4 * v[i]); // many ties: the first maximum must win
                        }
                    }
                    Tensor out = Tensor.empty(b, Shape.of(l[0], l[2]));
                    b.reduce(op, tensor(b, v, size).buffer(), l[0], l[1], l[2], out.buffer());
                    return out;
                });
            }
        }
        for (int n : new int[] {6, 600}) { // NaN: MAX and MIN propagate it, ARGMAX never takes it unless it comes first
            for (ReduceOp op : ReduceOp.values()) {
                compare(op + " with NaN, n = " + n, 1e-4, FLOAT, b -> {
                    float[] v = uniform(51, 3 * n, -1, 1);
                    v[2] = Float.NaN;      // slice 0, inside
                    v[n] = Float.NaN;      // slice 1, first element
                    v[2 * n + 1] = 5;      // slice 2: no NaN
                    v[2 * n + 3] = 5;
                    v[2 * n] = -0f;
                    Tensor out = Tensor.empty(b, Shape.of(3));
                    b.reduce(op, tensor(b, v, 3 * n).buffer(), 3, n, 1, out.buffer());
                    return out;
                });
            }
        }
    }

    @Test
    default void permutations() {
        int[][][] cases = {{{2, 3, 4}, {2, 0, 1}}, {{5, 7}, {1, 0}}, {{2, 3, 4, 5, 6}, {4, 2, 0, 3, 1}},
            {{3, 1, 4}, {1, 2, 0}}, {{2, 3, 4}, {0, 1, 2}}, {{6}, {0}}};
        for (int[][] c : cases) {
            Shape shape = Shape.of(c[0]);
            compareExactly("permute " + shape + " by " + Arrays.toString(c[1]), b -> {
                Tensor x = uniform(b, 61, -1, 1, c[0]);
                Tensor out = Tensor.empty(b, shape);
                b.permute(x.buffer(), shape, c[1], out.buffer());
                return out;
            });
        }
    }

    // ---------------------------------------------------------------- matrix products

    @Test
    default void gemmInEveryTransposeAndOddSize() {
        int[][] sizes = largeCases()
                ? new int[][] {{1, 1, 1}, {7, 33, 1}, {1, 7, 33}, {33, 1, 7}, {33, 33, 33}, {1000, 7, 33}, {7, 1000, 33},
                    {33, 7, 1000}, {1000, 1000, 1000}, {1000, 1, 1000}}
                : new int[][] {{1, 1, 1}, {7, 33, 1}, {1, 7, 33}, {33, 1, 7}, {33, 33, 33}, {1000, 7, 33}, {7, 1000, 33},
                    {33, 7, 1000}, {65, 129, 17}};
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] s : sizes) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    compare("gemm " + (ta ? "T" : "N") + (tb ? "T" : "N") + " m " + m + " n " + n + " k " + k,
                            1e-6 * k, 1e-5, b -> {
                                Tensor a = uniform(b, 71 + m, -1, 1, m * k);
                                Tensor bb = uniform(b, 72 + n, -1, 1, k * n);
                                Tensor c = Tensor.full(b, Shape.of(m * n), Double.NaN); // beta = 0 must ignore it
                                b.gemm(ta, tb, m, n, k, 1.5, a.buffer(), bb.buffer(), 0.0, c.buffer());
                                return c;
                            });
                }
            }
        }
    }

    @Test
    default void gemmWithBetaOffsetsAndSharedStrides() {
        int m = 9;
        int n = 70;
        int k = 19;
        int batch = 3;
        compare("batched, A shared (stride 0), beta 0.5, gaps between the C matrices untouched", 1e-5, 1e-5, b -> {
            Tensor a = uniform(b, 81, -1, 1, 5 + m * k);
            Tensor bb = uniform(b, 82, -1, 1, 2 + batch * k * n);
            Tensor c = uniform(b, 83, -1, 1, 4 + batch * (m * n + 6));
            b.gemm(false, true, m, n, k, -0.75, a.buffer(), 5, 0, bb.buffer(), 2, k * n, 0.5, c.buffer(), 4, m * n + 6, batch);
            return c;
        });
        compare("batched, B shared, transposed A", 1e-5, 1e-5, b -> {
            Tensor a = uniform(b, 84, -1, 1, batch * m * k);
            Tensor bb = uniform(b, 85, -1, 1, k * n);
            Tensor c = Tensor.full(b, Shape.of(batch * m * n), Double.POSITIVE_INFINITY);
            b.gemm(true, false, m, n, k, 1, a.buffer(), 0, m * k, bb.buffer(), 0, 0, 0, c.buffer(), 0, m * n, batch);
            return c;
        });
        compare("k = 0 scales C by beta", 0, FLOAT, b -> {
            Tensor c = uniform(b, 86, -1, 1, 12);
            b.gemm(false, false, 3, 4, 0, 1, Tensor.zeros(b, Shape.of(1)).buffer(), 0, 0,
                    Tensor.zeros(b, Shape.of(1)).buffer(), 0, 0, 2.0, c.buffer(), 0, 0, 1);
            return c;
        });
    }

    // ---------------------------------------------------------------- softmax family

    @Test
    default void softmaxAndLogSoftmax() {
        int[][] layouts = {{4, 10, 1}, {2, 5, 3}, {3, 100, 1}, {1, 1, 1}, {5, 33, 2}};
        for (boolean log : new boolean[] {false, true}) {
            for (int[] l : layouts) {
                int size = l[0] * l[1] * l[2];
                compare((log ? "log-" : "") + "softmax (" + l[0] + ", " + l[1] + ", " + l[2] + ")", 1e-6, 1e-5, b -> {
                    float[] v = uniform(91, size, -80, 80); // large logits: only a stable softmax survives them
                    Tensor out = Tensor.empty(b, Shape.of(size));
                    b.softmax(tensor(b, v, size).buffer(), l[0], l[1], l[2], out.buffer(), log);
                    return out;
                });
            }
        }
    }

    @Test
    default void softmaxCrossEntropyForwardAndBackward() {
        for (int classes : new int[] {7, 40}) {
            int rows = 6;
            float[] labels = {0, classes - 1, 3, 3, 1, classes / 2};
            compare("probabilities, " + classes + " classes", 1e-7, 1e-5, b -> {
                Tensor p = Tensor.empty(b, Shape.of(rows, classes));
                b.softmaxCrossEntropy(uniform(b, 101, -10, 10, rows, classes).buffer(), tensor(b, labels, rows).buffer(),
                        rows, classes, p.buffer(), Tensor.empty(b, Shape.of(rows)).buffer());
                return p;
            });
            compare("losses, " + classes + " classes", 1e-6, 1e-5, b -> {
                Tensor losses = Tensor.empty(b, Shape.of(rows));
                b.softmaxCrossEntropy(uniform(b, 101, -10, 10, rows, classes).buffer(), tensor(b, labels, rows).buffer(),
                        rows, classes, Tensor.empty(b, Shape.of(rows, classes)).buffer(), losses.buffer());
                return losses;
            });
            compare("backward, " + classes + " classes", 1e-7, 1e-5, b -> {
                Tensor g = Tensor.empty(b, Shape.of(rows, classes));
                Tensor p = Tensor.empty(b, Shape.of(rows, classes));
                b.softmax(uniform(b, 102, -3, 3, rows, classes).buffer(), rows, classes, 1, p.buffer(), false);
                b.softmaxCrossEntropyBackward(p.buffer(), tensor(b, labels, rows).buffer(),
                        uniform(b, 103, 0, 2, rows).buffer(), rows, classes, g.buffer());
                return g;
            });
        }
    }

    // ---------------------------------------------------------------- convolution and pooling

    @Test
    default void im2colAndCol2im() {
        Conv2dGeometry[] geometries = {
            new Conv2dGeometry(2, 6, 5, 3, 3, 1, 1, 1, 1),
            new Conv2dGeometry(3, 7, 6, 3, 2, 2, 2, 0, 0),
            new Conv2dGeometry(1, 5, 5, 1, 1, 1, 1, 0, 0),
            new Conv2dGeometry(2, 9, 8, 4, 3, 3, 2, 2, 1),
        };
        int samples = 3;
        for (Conv2dGeometry g : geometries) {
            int colSize = g.colRows() * g.colColumns();
            compareExactly("im2col " + g, b -> {
                Tensor x = uniform(b, 111, -1, 1, (samples + 1) * g.inputSize());
                Tensor col = Tensor.full(b, Shape.of(2 + samples * colSize), 9);
                b.im2col(g, x.buffer(), g.inputSize(), col.buffer(), 2, samples); // skips the first sample
                return col;
            });
            compare("col2im " + g, 1e-6, FLOAT, b -> {
                Tensor col = uniform(b, 112, -1, 1, 1 + samples * colSize);
                Tensor x = Tensor.full(b, Shape.of(g.inputSize() + samples * g.inputSize()), 9);
                b.col2im(g, col.buffer(), 1, x.buffer(), g.inputSize(), samples);
                return x;
            });
        }
    }

    @Test
    default void maxAndAveragePoolingForwardAndBackward() {
        Pool2dGeometry[] geometries = {
            new Pool2dGeometry(2, 3, 6, 6, 2, 2, 2, 2, 0, 0),
            new Pool2dGeometry(2, 2, 7, 6, 3, 3, 2, 2, 1, 1),
            new Pool2dGeometry(1, 3, 5, 7, 3, 3, 1, 1, 1, 1),  // overlapping windows
            new Pool2dGeometry(1, 1, 5, 7, 2, 3, 2, 1, 0, 1),
        };
        for (Pool2dGeometry g : geometries) {
            int in = g.planes() * g.height() * g.width();
            int out = g.planes() * g.outHeight() * g.outWidth();
            compareExactly("max pool values " + g, b -> pooled(b, g, in, out, true));
            compareExactly("max pool argmax " + g, b -> pooled(b, g, in, out, false));
            compare("max pool backward " + g, 1e-6, FLOAT, b -> {
                Tensor argmax = pooled(b, g, in, out, false);
                Tensor gradIn = Tensor.full(b, Shape.of(in), 9);
                b.maxPool2dBackward(g, uniform(b, 121, -1, 1, out).buffer(), argmax.buffer(), gradIn.buffer());
                return gradIn;
            });
            compare("avg pool " + g, 1e-6, FLOAT, b -> {
                Tensor o = Tensor.empty(b, Shape.of(out));
                b.avgPool2d(g, uniform(b, 122, -1, 1, in).buffer(), o.buffer());
                return o;
            });
            compare("avg pool backward " + g, 1e-6, FLOAT, b -> {
                Tensor gradIn = Tensor.full(b, Shape.of(in), 9);
                b.avgPool2dBackward(g, uniform(b, 123, -1, 1, out).buffer(), gradIn.buffer());
                return gradIn;
            });
        }
    }

    /** Max pooling of inputs with ties and one NaN: the values, or the argmax indices. */
    private static Tensor pooled(Backend b, Pool2dGeometry g, int in, int out, boolean values) {
        float[] x = uniform(124, in, -3, 3);
        for (int i = 0; i < in; i += 2) {
            x[i] = Math.round(x[i]); // ties: the first maximum in window order must win
        }
        x[in / 2] = Float.NaN;
        Tensor o = Tensor.empty(b, Shape.of(out));
        Tensor argmax = Tensor.empty(b, Shape.of(out));
        b.maxPool2d(g, tensor(b, x, in).buffer(), o.buffer(), argmax.buffer());
        return values ? o : argmax;
    }

    @Test
    default void batchNormStatistics() {
        int[][] layouts = {{4, 3, 10}, {1, 2, 1000}, {16, 5, 1}, {3, 1, 300}};
        for (int[] l : layouts) {
            int size = l[0] * l[1] * l[2];
            for (boolean mean : new boolean[] {true, false}) {
                // values far from 0 with a small spread: a one-pass variance would lose most digits
                compare((mean ? "means " : "variances ") + Arrays.toString(l), 1e-7, 1e-5, b -> {
                    Tensor m = Tensor.empty(b, Shape.of(l[1]));
                    Tensor v = Tensor.empty(b, Shape.of(l[1]));
                    b.batchNormStatistics(uniform(b, 131, 99, 101, size).buffer(), l[0], l[1], l[2], m.buffer(), v.buffer());
                    return mean ? m : v;
                });
            }
        }
    }

    @Test
    default void batchNormChannelMapsAndGradientSums() {
        // the Backend defaults, composed of binary and reduce; spatial 1 is BatchNorm1d's layout
        int[][] layouts = {{4, 3, 10}, {16, 5, 1}, {2, 7, 33}};
        for (int[] l : layouts) {
            int size = l[0] * l[1] * l[2];
            String layout = Arrays.toString(l);
            compare("channelAffine " + layout, FLOAT, FLOAT, b -> {
                Tensor out = Tensor.empty(b, Shape.of(size));
                b.fused().channelAffine(uniform(b, 161, -1, 1, size).buffer(), l[0], l[1], l[2],
                        uniform(b, 162, -1, 1, l[1]).buffer(), uniform(b, 163, -1, 1, l[1]).buffer(), out.buffer());
                return out;
            });
            compare("channelLinearCombination " + layout, FLOAT, FLOAT, b -> {
                Tensor out = Tensor.empty(b, Shape.of(size));
                b.fused().channelLinearCombination(uniform(b, 164, -1, 1, size).buffer(), uniform(b, 165, -1, 1, size).buffer(),
                        l[0], l[1], l[2], uniform(b, 166, -1, 1, l[1]).buffer(), uniform(b, 167, -1, 1, l[1]).buffer(),
                        uniform(b, 168, -1, 1, l[1]).buffer(), out.buffer());
                return out;
            });
            for (boolean centered : new boolean[] {false, true}) {
                compare((centered ? "sums of g (x - mean) " : "sums of g ") + layout, 1e-6, 1e-5, b -> {
                    Tensor sumGrad = Tensor.empty(b, Shape.of(l[1]));
                    Tensor sumGradCentered = Tensor.empty(b, Shape.of(l[1]));
                    b.fused().batchNormGradientSums(uniform(b, 169, -1, 1, size).buffer(),
                            uniform(b, 170, -1, 3, size).buffer(), uniform(b, 171, 0, 2, l[1]).buffer(), l[0], l[1],
                            l[2], sumGrad.buffer(), sumGradCentered.buffer());
                    return centered ? sumGradCentered : sumGrad;
                });
            }
        }
    }

    @Test
    default void bilinearResizingForwardAndBackward() {
        int[][] cases = {{3, 4, 7, 9}, {6, 5, 4, 3}, {4, 4, 4, 4}, {1, 1, 3, 3}, {5, 1, 2, 7}, {8, 16, 128, 130}};
        int planes = 2;
        for (int[] c : cases) {
            String size = c[0] + "x" + c[1] + " -> " + c[2] + "x" + c[3];
            compare("upsample " + size, 1e-6, FLOAT, b -> {
                Tensor out = Tensor.empty(b, Shape.of(planes * c[2] * c[3]));
                b.upsampleBilinear(uniform(b, 141, -1, 1, planes * c[0] * c[1]).buffer(), planes, c[0], c[1], c[2], c[3],
                        out.buffer());
                return out;
            });
            compare("upsample backward " + size, 1e-5, 1e-5, b -> {
                Tensor gradIn = Tensor.full(b, Shape.of(planes * c[0] * c[1]), 9);
                b.upsampleBilinearBackward(uniform(b, 142, -1, 1, planes * c[2] * c[3]).buffer(), planes, c[0], c[1],
                        c[2], c[3], gradIn.buffer());
                return gradIn;
            });
        }
    }

    // ---------------------------------------------------------------- threads

    @Test
    default void otherThreadsComputeAndReleaseBuffers() throws Exception {
        int m = 40;
        int k = 70;
        double[] expected = product(reference(), m, k);
        double[][] results = new double[3][];
        Thread[] workers = new Thread[results.length];
        for (int i = 0; i < workers.length; i++) {
            int worker = i;
            // fresh threads: the context must be made current on each (and each gets its own cuBLAS handle)
            workers[i] = new Thread(() -> results[worker] = product(cuda(), m, k));
            workers[i].start();
        }
        for (Thread t : workers) {
            t.join();
        }
        for (double[] r : results) {
            ParityAssertions.assertClose("a product computed on another thread", ParityAssertions.roundedToFloat(expected),
                    r, 1e-4, 1e-5);
        }

        long live = cuda().liveBuffers();
        DeviceBuffer released = cuda().allocate(123);
        Thread releaser = new Thread(released::release); // a thread that never used the device
        releaser.start();
        releaser.join();
        assertEquals(live, cuda().liveBuffers(), "released at once from the caller's point of view");
        compareExactly("work after a release queued from another thread", b -> uniform(b, 151, -1, 1, 123));
    }

    /** {@code a (m x k) * a^T} of a seeded matrix, computed in a scope of its own on the calling thread. */
    private static double[] product(Backend b, int m, int k) {
        try (var ignored = MemoryScope.open()) {
            Tensor a = uniform(b, 152, -1, 1, m, k);
            return a.matmul(a.transpose(0, 1)).toDoubleArray();
        }
    }

    // ---------------------------------------------------------------- argument checks

    @Test
    default void badArgumentsAreRejectedBeforeAnyKernelRuns() {
        Tensor small = Tensor.zeros(cuda(), Shape.of(10));
        Tensor other = Tensor.zeros(reference(), Shape.of(10));
        assertThrows(IllegalArgumentException.class, () -> cuda().copy(small.buffer(), 5, small.buffer(), 0, 6));
        assertThrows(IllegalArgumentException.class,
                () -> cuda().unary(UnaryOp.EXP, other.buffer(), small.buffer(), 10, 0, 0), "a reference buffer");
        assertThrows(IllegalArgumentException.class,
                () -> cuda().gemm(false, false, 3, 4, 2, 1, small.buffer(), small.buffer(), 0, small.buffer()));
        assertThrows(IndexOutOfBoundsException.class,
                () -> cuda().gatherRows(small.buffer(), 5, new int[] {2}, small.buffer()));
        assertThrows(IllegalArgumentException.class,
                () -> cuda().gemm(false, false, 1, 1, 1, 1, small.buffer(), 0, 0, small.buffer(), 0, 0, 0, small.buffer(), 0, 0, 2),
                "a batch writing one C twice");
    }
}

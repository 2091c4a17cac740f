package org.advmusic.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transforms of Winograd's minimal filtering algorithm F(4x4, 3x3) (Lavin and Gray, "Fast
 * Algorithms for Convolutional Neural Networks", 2016; interpolation points 0, 1, -1, 2, -2, infinity).
 * A 4x4 tile of a stride-1 3x3 correlation is
 * <pre>
 *   Y (4x4) = A^T [ U (.) V ] A,   U = G g G^T (6x6),   V = B^T d B (6x6)
 *   B^T = [4 0 -5 0 1 0; 0 -4 -4 1 1 0; 0 4 -4 -1 1 0; 0 -2 -1 2 1 0; 0 2 -1 -2 1 0; 0 4 0 -5 0 1]
 *   G   = [1/4 0 0; -1/6 -1/6 -1/6; -1/6 1/6 -1/6; 1/24 1/12 1/6; 1/24 -1/12 1/6; 0 0 1]
 *   A^T = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]
 * </pre>
 * where g is the 3x3 kernel, d the 6x6 input patch and (.) the elementwise product: 36
 * multiplications instead of 144. Summed over input channels, each of the 36 products becomes a
 * matrix product over channels. Backward, through the same products by the chain rule:
 * {@code dM = A dY A^T}, {@code dU = dM (.) V}, {@code dg = G^T dU G}. Each two-sided transform is a
 * one-dimensional one applied down the columns, then along the rows.
 *
 * <p>The 36 elements of a transformed tile (index {@code e = 6 i + j}) are written {@code plane}
 * floats apart, so that element e of every tile forms the e-th matrix. Row functions transform a run
 * of horizontally adjacent tiles a vector at a time with the incubating Vector API (so this class is
 * used only when the {@code jdk.incubator.vector} module is present, see {@link CpuBackend}). Rows are
 * split by column phase: column {@code 4 x + p} of a row at {@code p span + x}, so that the columns
 * of consecutive tiles are consecutive floats. The vector loops round the run up to whole vectors:
 * they read up to one vector past it, and the functions that write to matrices write up to one vector
 * past it too, so callers keep one vector of slack after each row (see each function).
 *
 * <p>Each row function is one loop nest with every vector operation inside it: both passes of a
 * two-sided transform go through the same loop body (only the addresses differ), no vector crosses a
 * method boundary, and the function is too large for the JIT to inline into its callers (more than
 * HotSpot's 325 bytecodes), as {@link VectorGemmKernel}'s micro-kernel is. Written as small helpers
 * that take {@code FloatVector} arguments, the transforms were compiled well in some runs and, in
 * others (depending on what had run before, such as training before an attack), with their vector
 * operations left as plain Java calls: 40% of PGD's time, 3.5 instead of 5 samples/s.
 */
final class WinogradTransforms {
    /** Outputs per tile side. */
    static final int OUTPUT_TILE = 4;
    /** Inputs per tile side. */
    static final int INPUT_TILE = 6;
    /** Elements of a transformed tile. */
    static final int ELEMENTS = INPUT_TILE * INPUT_TILE;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector: the slack the row functions need. */
    static final int LANES = SPECIES.length();

    private WinogradTransforms() {
    }

    /** {@code n} rounded up to whole vectors. */
    static int roundUp(int n) {
        return (n + LANES - 1) / LANES * LANES;
    }

    /**
     * {@code u[offset + e * plane] = (G g G^T)[e]} for the 3x3 kernel {@code g = w[wOffset .. + 9]} (row-major),
     * or, when {@code reversed}, for that kernel rotated by 180 degrees ({@code g[i][j] = w[wOffset + 8 - 3 i - j]},
     * the kernel of a convolution's input gradient). In local variables only: it runs for every kernel of every
     * convolution, and the two helper arrays it allocated were the engine's largest source of garbage
     * (gigabytes a minute under PGD).
     */
    static void filter(float[] w, int wOffset, boolean reversed, float[] u, int offset, int plane) {
        int first = reversed ? wOffset + 8 : wOffset;
        int step = reversed ? -1 : 1; // tap t of g at w[first + step t]
        for (int i = 0; i < INPUT_TILE; i++) {
            // row i of G g (6x3): element i of G applied to each column of g
            float c0 = kernelToTile(i, w[first], w[first + 3 * step], w[first + 6 * step]);
            float c1 = kernelToTile(i, w[first + step], w[first + 4 * step], w[first + 7 * step]);
            float c2 = kernelToTile(i, w[first + 2 * step], w[first + 5 * step], w[first + 8 * step]);
            int row = offset + INPUT_TILE * i * plane;
            for (int j = 0; j < INPUT_TILE; j++) { // row i of (G g) G^T
                u[row + j * plane] = kernelToTile(j, c0, c1, c2);
            }
        }
    }

    /** Element {@code i} (below 6) of {@code G (g0, g1, g2)}. */
    private static float kernelToTile(int i, float g0, float g1, float g2) {
        switch (i) {
            case 0: return 0.25f * g0;
            case 1: return -(g0 + g1 + g2) / 6f;
            case 2: return -(g0 - g1 + g2) / 6f;
            case 3: return g0 / 24f + g1 / 12f + g2 / 6f;
            case 4: return g0 / 24f - g1 / 12f + g2 / 6f;
            default: return g2;
        }
    }

    /**
     * {@code dw[dwOffset .. + 9] = G^T dU G}, the gradient of a 3x3 kernel from the gradient
     * {@code dU[e] = du[offset + e * plane]} of its transform. In local variables only, like {@link #filter}.
     */
    static void filterGradient(float[] du, int offset, int plane, float[] dw, int dwOffset) {
        int column = INPUT_TILE * plane;
        for (int i = 0; i < 3; i++) {
            // row i of G^T dU (3x6): element i of G^T applied to each column j of dU
            float r0 = tileToKernel(i, du, offset, column);
            float r1 = tileToKernel(i, du, offset + plane, column);
            float r2 = tileToKernel(i, du, offset + 2 * plane, column);
            float r3 = tileToKernel(i, du, offset + 3 * plane, column);
            float r4 = tileToKernel(i, du, offset + 4 * plane, column);
            float r5 = tileToKernel(i, du, offset + 5 * plane, column);
            for (int j = 0; j < 3; j++) { // row i of (G^T dU) G
                dw[dwOffset + 3 * i + j] = tileToKernel(j, r0, r1, r2, r3, r4, r5);
            }
        }
    }

    /** Element {@code i} (below 3) of {@code G^T (d0 .. d5)} for {@code d_k = d[offset + k * stride]}. */
    private static float tileToKernel(int i, float[] d, int offset, int stride) {
        return tileToKernel(i, d[offset], d[offset + stride], d[offset + 2 * stride], d[offset + 3 * stride],
                d[offset + 4 * stride], d[offset + 5 * stride]);
    }

    /** Element {@code i} (below 3) of {@code G^T (d0 .. d5)}. */
    private static float tileToKernel(int i, float d0, float d1, float d2, float d3, float d4, float d5) {
        switch (i) {
            case 0: return 0.25f * d0 - (d1 + d2) / 6f + (d3 + d4) / 24f;
            case 1: return (d2 - d1) / 6f + (d3 - d4) / 12f;
            default: return (d3 + d4 - d1 - d2) / 6f + d5;
        }
    }

    /**
     * {@code V = B^T d B} for {@code run} tiles. {@code d} holds the six input rows of the tiles, row i
     * at {@code i * rowStride}, each split by column phase ({@code span >= run + 1} per phase, so a row
     * has {@code 4 run + 4} columns); {@code rowStride} is a whole number of vectors of at least
     * {@code 4 span}, and {@code d} and the scratch {@code t} have one vector of slack after the
     * sixth row. Writes {@code v[offset + e * plane + j]} for tile {@code j}, up to one vector past
     * the run.
     */
    static void inputRow(float[] d, float[] t, int span, int rowStride, int run, float[] v, int offset, int plane) {
        // row -1 is the pass down the columns (B^T d); rows 0 to 5 are the passes along the rows ((B^T d) B),
        // where tile j has the columns (phase 0, 1, 2, 3 of j; phase 0, 1 of j + 1). Each step is one vector
        // of B^T (c0 .. c5) with c_i = in[base + i * step] for i < 4, then in[base + fourth], in[base + fifth].
        for (int i = -1; i < INPUT_TILE; i++) {
            boolean columns = i < 0;
            float[] in = columns ? d : t;
            float[] out = columns ? t : v;
            int step = columns ? rowStride : span;
            int fourth = columns ? 4 * rowStride : 1;
            int fifth = columns ? 5 * rowStride : span + 1;
            int stride = columns ? rowStride : plane;
            int first = columns ? 0 : i * rowStride;
            int firstOut = columns ? 0 : offset + INPUT_TILE * i * plane;
            int count = columns ? rowStride : run;
            for (int j = 0; j < count; j += LANES) {
                int base = first + j;
                int at = firstOut + j;
                FloatVector c0 = FloatVector.fromArray(SPECIES, in, base);
                FloatVector c1 = FloatVector.fromArray(SPECIES, in, base + step);
                FloatVector c2 = FloatVector.fromArray(SPECIES, in, base + 2 * step);
                FloatVector c3 = FloatVector.fromArray(SPECIES, in, base + 3 * step);
                FloatVector c4 = FloatVector.fromArray(SPECIES, in, base + fourth);
                FloatVector c5 = FloatVector.fromArray(SPECIES, in, base + fifth);
                // 4c0 - 5c2 + c4, -4c1 - 4c2 + c3 + c4, 4c1 - 4c2 - c3 + c4, -2c1 - c2 + 2c3 + c4, 2c1 - c2 - 2c3 + c4,
                // 4c1 - 5c3 + c5
                FloatVector r = c4.sub(c2);
                FloatVector p = c2.mul(-4f).add(c4);
                FloatVector q = c1.mul(-4f).add(c3);
                FloatVector s = c3.sub(c1).mul(2f);
                c0.sub(c2).mul(4f).add(r).intoArray(out, at);
                p.add(q).intoArray(out, at + stride);
                p.sub(q).intoArray(out, at + 2 * stride);
                r.add(s).intoArray(out, at + 3 * stride);
                r.sub(s).intoArray(out, at + 4 * stride);
                c1.sub(c3).mul(4f).add(c5).sub(c3).intoArray(out, at + 5 * stride);
            }
        }
    }

    /**
     * {@code Y = A^T M A} for {@code run} tiles, {@code M[e] = m[offset + e * plane + j]} (read up to
     * one vector past the run): writes output row r, column phase p of the tiles to
     * {@code y[(4 r + p) * stride + j]}, {@code stride} a whole number of vectors of at least
     * {@code run}. {@code columns} is scratch of {@code 24 * LANES} floats.
     */
    static void outputRow(float[] m, int offset, int plane, int run, float[] y, int stride, float[] columns) {
        for (int j = 0; j < run; j += LANES) {
            // pass 0 runs down the six columns k of M (A^T M; row r of the result at columns[(4 k + r) * LANES]),
            // pass 1 along the four rows k of that result ((A^T M) A); each step is one vector of A^T (m0 .. m5)
            // with m_i = in[from + i * step]
            for (int pass = 0; pass < 2; pass++) {
                boolean down = pass == 0;
                float[] in = down ? m : columns;
                float[] out = down ? columns : y;
                int step = down ? INPUT_TILE * plane : 4 * LANES;
                int outStride = down ? LANES : stride;
                int count = down ? INPUT_TILE : OUTPUT_TILE;
                for (int k = 0; k < count; k++) {
                    int from = down ? offset + j + k * plane : k * LANES;
                    int at = down ? 4 * k * LANES : 4 * k * stride + j;
                    FloatVector m0 = FloatVector.fromArray(SPECIES, in, from);
                    FloatVector m1 = FloatVector.fromArray(SPECIES, in, from + step);
                    FloatVector m2 = FloatVector.fromArray(SPECIES, in, from + 2 * step);
                    FloatVector m3 = FloatVector.fromArray(SPECIES, in, from + 3 * step);
                    FloatVector m4 = FloatVector.fromArray(SPECIES, in, from + 4 * step);
                    FloatVector m5 = FloatVector.fromArray(SPECIES, in, from + 5 * step);
                    // m0 + m1 + m2 + m3 + m4, m1 - m2 + 2(m3 - m4), m1 + m2 + 4(m3 + m4), m1 - m2 + 8(m3 - m4) + m5
                    FloatVector a = m1.add(m2);
                    FloatVector b = m1.sub(m2);
                    FloatVector c = m3.add(m4);
                    FloatVector d = m3.sub(m4);
                    m0.add(a).add(c).intoArray(out, at);
                    d.mul(2f).add(b).intoArray(out, at + outStride);
                    c.mul(4f).add(a).intoArray(out, at + 2 * outStride);
                    d.mul(8f).add(b).add(m5).intoArray(out, at + 3 * outStride);
                }
            }
        }
    }

    /**
     * {@code dM = A dY A^T} for {@code run} tiles, from the four rows of the output gradient of the
     * tiles, row r at {@code r * rowStride}, each split by column phase ({@code span} per phase; read up
     * to one vector past the run). Writes {@code dm[offset + e * plane + j]}, up to one vector past the
     * run. {@code columns} is scratch of {@code 24 * LANES} floats.
     */
    static void outputGradientRow(float[] y, int span, int rowStride, int run, float[] dm, int offset, int plane,
                                  float[] columns) {
        for (int j = 0; j < run; j += LANES) {
            // pass 0 runs down the four column phases k of dY (A dY; row i of the result at
            // columns[(6 k + i) * LANES]), pass 1 along the six rows k of that result ((A dY) A^T); each step is
            // one vector of A (y0 .. y3) with y_i = in[from + i * step]
            for (int pass = 0; pass < 2; pass++) {
                boolean down = pass == 0;
                float[] in = down ? y : columns;
                float[] out = down ? columns : dm;
                int step = down ? rowStride : INPUT_TILE * LANES;
                int outStride = down ? LANES : plane;
                int count = down ? OUTPUT_TILE : INPUT_TILE;
                for (int k = 0; k < count; k++) {
                    int from = down ? k * span + j : k * LANES;
                    int at = down ? INPUT_TILE * k * LANES : offset + INPUT_TILE * k * plane + j;
                    FloatVector y0 = FloatVector.fromArray(SPECIES, in, from);
                    FloatVector y1 = FloatVector.fromArray(SPECIES, in, from + step);
                    FloatVector y2 = FloatVector.fromArray(SPECIES, in, from + 2 * step);
                    FloatVector y3 = FloatVector.fromArray(SPECIES, in, from + 3 * step);
                    // y0, y0 + y1 + y2 + y3, y0 - y1 + y2 - y3, y0 + 2y1 + 4y2 + 8y3, y0 - 2y1 + 4y2 - 8y3, y3
                    FloatVector e = y0.add(y2);
                    FloatVector f = y1.add(y3);
                    FloatVector g = y2.mul(4f).add(y0);
                    FloatVector h = y3.mul(4f).add(y1).mul(2f);
                    y0.intoArray(out, at);
                    e.add(f).intoArray(out, at + outStride);
                    e.sub(f).intoArray(out, at + 2 * outStride);
                    g.add(h).intoArray(out, at + 3 * outStride);
                    g.sub(h).intoArray(out, at + 4 * outStride);
                    y3.intoArray(out, at + 5 * outStride);
                }
            }
        }
    }
}

package org.advmusic.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transforms of Winograd's minimal filtering algorithm F(2x2, 3x3) (Lavin and Gray, "Fast
 * Algorithms for Convolutional Neural Networks", 2016). A 2x2 tile of a stride-1 3x3 correlation is
 * <pre>
 *   Y (2x2) = A^T [ U (.) V ] A,   U = G g G^T (4x4),   V = B^T d B (4x4)
 *   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]
 *   G   = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
 *   A^T = [1 1 1 0; 0 1 -1 -1]
 * </pre>
 * where g is the 3x3 kernel, d the 4x4 input patch and (.) the elementwise product: 16
 * multiplications instead of 36. Summed over input channels, each of the 16 products becomes a matrix
 * product over channels. Backward, through the same products by the chain rule:
 * {@code dM = A dY A^T}, {@code dU = dM (.) V}, {@code dg = G^T dU G}.
 *
 * <p>Tiles are transformed a vector at a time with the incubating Vector API, so this class is used
 * only when the {@code jdk.incubator.vector} module is present (see {@link CpuBackend}).
 *
 * <p>The 16 elements of a transformed tile (index {@code e = 4 i + j}) are written {@code plane}
 * floats apart, so that element e of every tile forms the e-th matrix. Row functions transform a run
 * of horizontally adjacent tiles at once (tile {@code j} starts at column {@code 2 j}).
 */
final class WinogradTransforms {
    /** Elements of a transformed tile. */
    static final int ELEMENTS = 16;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private WinogradTransforms() {
    }

    /** {@code u[offset + e * plane] = (G g G^T)[e]} for the 3x3 kernel {@code g = w[wOffset .. + 9]} (row-major). */
    static void filter(float[] w, int wOffset, float[] u, int offset, int plane) {
        for (int i = 0; i < 4; i++) {
            // row i of G g (1x3)
            float s0;
            float s1;
            float s2;
            if (i == 0 || i == 3) {
                int row = wOffset + (i == 0 ? 0 : 6);
                s0 = w[row];
                s1 = w[row + 1];
                s2 = w[row + 2];
            } else {
                float sign = i == 1 ? 0.5f : -0.5f;
                s0 = 0.5f * (w[wOffset] + w[wOffset + 6]) + sign * w[wOffset + 3];
                s1 = 0.5f * (w[wOffset + 1] + w[wOffset + 7]) + sign * w[wOffset + 4];
                s2 = 0.5f * (w[wOffset + 2] + w[wOffset + 8]) + sign * w[wOffset + 5];
            }
            int e = offset + 4 * i * plane;
            u[e] = s0;
            u[e + plane] = 0.5f * (s0 + s2) + 0.5f * s1;
            u[e + 2 * plane] = 0.5f * (s0 + s2) - 0.5f * s1;
            u[e + 3 * plane] = s2;
        }
    }

    /**
     * {@code dw[dwOffset .. + 9] = G^T dU G}, the gradient of a 3x3 kernel from the gradient
     * {@code dU[e] = du[offset + e * plane]} of its transform.
     */
    static void filterGradient(float[] du, int offset, int plane, float[] dw, int dwOffset) {
        float[] p = new float[12]; // G^T dU (3x4)
        for (int j = 0; j < 4; j++) {
            float d0 = du[offset + j * plane];
            float d1 = du[offset + (4 + j) * plane];
            float d2 = du[offset + (8 + j) * plane];
            float d3 = du[offset + (12 + j) * plane];
            p[j] = d0 + 0.5f * (d1 + d2);
            p[4 + j] = 0.5f * (d1 - d2);
            p[8 + j] = 0.5f * (d1 + d2) + d3;
        }
        for (int i = 0; i < 3; i++) {
            float q0 = p[4 * i];
            float q1 = p[4 * i + 1];
            float q2 = p[4 * i + 2];
            float q3 = p[4 * i + 3];
            dw[dwOffset + 3 * i] = q0 + 0.5f * (q1 + q2);
            dw[dwOffset + 3 * i + 1] = 0.5f * (q1 - q2);
            dw[dwOffset + 3 * i + 2] = 0.5f * (q1 + q2) + q3;
        }
    }

    /**
     * {@code V = B^T d B} for {@code run} tiles. {@code d} holds the four input rows, each split into its
     * even and odd columns ({@code run + 1} of each): row i's column {@code 2 x + p} at
     * {@code (2 i + p) span + x}, so that every loop below reads consecutive floats, a vector at a time.
     * {@code t} is scratch of the same size. Writes {@code v[offset + e * plane + j]} for tile {@code j < run}.
     */
    static void inputRow(float[] d, float[] t, int span, int run, float[] v, int offset, int plane) {
        // B^T d, down the columns: t0 = d0 - d2, t1 = d1 + d2, t2 = d2 - d1, t3 = d1 - d3
        int row = 2 * span;
        int x = 0;
        for (; x <= row - LANES; x += LANES) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, d, x);
            FloatVector d1 = FloatVector.fromArray(SPECIES, d, row + x);
            FloatVector d2 = FloatVector.fromArray(SPECIES, d, 2 * row + x);
            FloatVector d3 = FloatVector.fromArray(SPECIES, d, 3 * row + x);
            d0.sub(d2).intoArray(t, x);
            d1.add(d2).intoArray(t, row + x);
            d2.sub(d1).intoArray(t, 2 * row + x);
            d1.sub(d3).intoArray(t, 3 * row + x);
        }
        for (; x < row; x++) {
            float d1 = d[row + x];
            float d2 = d[2 * row + x];
            t[x] = d[x] - d2;
            t[row + x] = d1 + d2;
            t[2 * row + x] = d2 - d1;
            t[3 * row + x] = d1 - d[3 * row + x];
        }
        // (B^T d) B, along each row: tile j has the columns (even j, odd j, even j+1, odd j+1)
        for (int i = 0; i < 4; i++) {
            int even = i * row;
            int odd = even + span;
            int e = offset + 4 * i * plane;
            int j = 0;
            for (; j <= run - LANES; j += LANES) {
                FloatVector a = FloatVector.fromArray(SPECIES, t, even + j);
                FloatVector b = FloatVector.fromArray(SPECIES, t, odd + j);
                FloatVector c = FloatVector.fromArray(SPECIES, t, even + j + 1);
                FloatVector dd = FloatVector.fromArray(SPECIES, t, odd + j + 1);
                a.sub(c).intoArray(v, e + j);
                b.add(c).intoArray(v, e + plane + j);
                c.sub(b).intoArray(v, e + 2 * plane + j);
                b.sub(dd).intoArray(v, e + 3 * plane + j);
            }
            for (; j < run; j++) {
                float b = t[odd + j];
                float c = t[even + j + 1];
                v[e + j] = t[even + j] - c;
                v[e + plane + j] = b + c;
                v[e + 2 * plane + j] = c - b;
                v[e + 3 * plane + j] = b - t[odd + j + 1];
            }
        }
    }

    /**
     * {@code Y = A^T M A} for {@code run} tiles, {@code M[e] = m[offset + e * plane + j]}: writes the
     * two output rows split into even and odd columns, {@code y[(2 r + p) span + j]} for row r and
     * column {@code 2 j + p} of the tiles.
     */
    static void outputRow(float[] m, int offset, int plane, int run, float[] y, int span) {
        int j = 0;
        for (; j <= run - LANES; j += LANES) {
            int e = offset + j;
            // A^T M: s0 = M0 + M1 + M2, s1 = M1 - M2 - M3 (rows of M), one column c at a time
            FloatVector m1 = FloatVector.fromArray(SPECIES, m, e + 4 * plane);
            FloatVector m2 = FloatVector.fromArray(SPECIES, m, e + 8 * plane);
            FloatVector s00 = FloatVector.fromArray(SPECIES, m, e).add(m1).add(m2);
            FloatVector s10 = m1.sub(m2).sub(FloatVector.fromArray(SPECIES, m, e + 12 * plane));
            m1 = FloatVector.fromArray(SPECIES, m, e + 5 * plane);
            m2 = FloatVector.fromArray(SPECIES, m, e + 9 * plane);
            FloatVector s01 = FloatVector.fromArray(SPECIES, m, e + plane).add(m1).add(m2);
            FloatVector s11 = m1.sub(m2).sub(FloatVector.fromArray(SPECIES, m, e + 13 * plane));
            m1 = FloatVector.fromArray(SPECIES, m, e + 6 * plane);
            m2 = FloatVector.fromArray(SPECIES, m, e + 10 * plane);
            FloatVector s02 = FloatVector.fromArray(SPECIES, m, e + 2 * plane).add(m1).add(m2);
            FloatVector s12 = m1.sub(m2).sub(FloatVector.fromArray(SPECIES, m, e + 14 * plane));
            m1 = FloatVector.fromArray(SPECIES, m, e + 7 * plane);
            m2 = FloatVector.fromArray(SPECIES, m, e + 11 * plane);
            FloatVector s03 = FloatVector.fromArray(SPECIES, m, e + 3 * plane).add(m1).add(m2);
            FloatVector s13 = m1.sub(m2).sub(FloatVector.fromArray(SPECIES, m, e + 15 * plane));
            // (A^T M) A
            s00.add(s01).add(s02).intoArray(y, j);
            s01.sub(s02).sub(s03).intoArray(y, span + j);
            s10.add(s11).add(s12).intoArray(y, 2 * span + j);
            s11.sub(s12).sub(s13).intoArray(y, 3 * span + j);
        }
        for (; j < run; j++) {
            int e = offset + j;
            float m1c0 = m[e + 4 * plane];
            float m1c1 = m[e + 5 * plane];
            float m1c2 = m[e + 6 * plane];
            float m1c3 = m[e + 7 * plane];
            float m2c0 = m[e + 8 * plane];
            float m2c1 = m[e + 9 * plane];
            float m2c2 = m[e + 10 * plane];
            float m2c3 = m[e + 11 * plane];
            float s00 = m[e] + m1c0 + m2c0;
            float s01 = m[e + plane] + m1c1 + m2c1;
            float s02 = m[e + 2 * plane] + m1c2 + m2c2;
            float s03 = m[e + 3 * plane] + m1c3 + m2c3;
            float s10 = m1c0 - m2c0 - m[e + 12 * plane];
            float s11 = m1c1 - m2c1 - m[e + 13 * plane];
            float s12 = m1c2 - m2c2 - m[e + 14 * plane];
            float s13 = m1c3 - m2c3 - m[e + 15 * plane];
            y[j] = s00 + s01 + s02;
            y[span + j] = s01 - s02 - s03;
            y[2 * span + j] = s10 + s11 + s12;
            y[3 * span + j] = s11 - s12 - s13;
        }
    }

    /**
     * {@code dM = A dY A^T} for {@code run} tiles, from two rows of the output gradient split into even
     * and odd columns as {@link #outputRow} writes them: writes {@code dm[offset + e * plane + j]}.
     */
    static void outputGradientRow(float[] y, int span, int run, float[] dm, int offset, int plane) {
        int j = 0;
        for (; j <= run - LANES; j += LANES) {
            FloatVector y00 = FloatVector.fromArray(SPECIES, y, j);
            FloatVector y01 = FloatVector.fromArray(SPECIES, y, span + j);
            FloatVector y10 = FloatVector.fromArray(SPECIES, y, 2 * span + j);
            FloatVector y11 = FloatVector.fromArray(SPECIES, y, 3 * span + j);
            // A dY: rows q0 = y0, q1 = y0 + y1, q2 = y0 - y1, q3 = -y1; then each row q times A^T
            gradientRow(y00, y01, dm, offset + j, plane);
            gradientRow(y00.add(y10), y01.add(y11), dm, offset + 4 * plane + j, plane);
            gradientRow(y00.sub(y10), y01.sub(y11), dm, offset + 8 * plane + j, plane);
            gradientRow(y10.neg(), y11.neg(), dm, offset + 12 * plane + j, plane);
        }
        for (; j < run; j++) {
            float y00 = y[j];
            float y01 = y[span + j];
            float y10 = y[2 * span + j];
            float y11 = y[3 * span + j];
            gradientRow(y00, y01, dm, offset + j, plane);
            gradientRow(y00 + y10, y01 + y11, dm, offset + 4 * plane + j, plane);
            gradientRow(y00 - y10, y01 - y11, dm, offset + 8 * plane + j, plane);
            gradientRow(-y10, -y11, dm, offset + 12 * plane + j, plane);
        }
    }

    /** One row {@code (q0, q1) A^T = (q0, q0 + q1, q0 - q1, -q1)} of {@code A dY A^T}, for a vector of tiles. */
    private static void gradientRow(FloatVector q0, FloatVector q1, float[] dm, int e, int plane) {
        q0.intoArray(dm, e);
        q0.add(q1).intoArray(dm, e + plane);
        q0.sub(q1).intoArray(dm, e + 2 * plane);
        q1.neg().intoArray(dm, e + 3 * plane);
    }

    /** One row {@code (q0, q1) A^T = (q0, q0 + q1, q0 - q1, -q1)} of {@code A dY A^T}, for one tile. */
    private static void gradientRow(float q0, float q1, float[] dm, int e, int plane) {
        dm[e] = q0;
        dm[e + plane] = q0 + q1;
        dm[e + 2 * plane] = q0 - q1;
        dm[e + 3 * plane] = -q1;
    }
}

package org.advmusic.engine.backend.cpu;

import java.util.Arrays;

/**
 * The plain-Java GEMM kernel, used when the Vector API module is not enabled. The JIT vectorises
 * only loops whose arrays it can prove independent, which {@code c[ci + j] += a * b[bi + j]} on two
 * offsets into float arrays is not; so each block of B is copied into separate row arrays and each
 * block of C is accumulated in separate row arrays, and the inner loop
 * {@code cRow[j] += a * bRow[j]} uses the same index on both sides, which the JIT does vectorise.
 *
 * <p>Per element of C the arithmetic is {@code acc = acc + a * b} over k in order from zero
 * (separate multiply and add), then {@code c = acc * alpha + c * beta}; it depends only on k.
 */
final class PlainGemmKernel implements GemmKernel {
    /** Rows of C accumulated at once. */
    static final int ROW_BLOCK = 64;
    /** Columns of C accumulated at once. */
    static final int COLUMN_BLOCK = 256;
    /** Steps of the inner dimension whose B rows are copied at once. */
    static final int DEPTH_BLOCK = 256;

    /** Row arrays of one thread. */
    private static final class Scratch {
        final float[][] bRows = new float[DEPTH_BLOCK][COLUMN_BLOCK];
        final float[][] cRows = new float[ROW_BLOCK][COLUMN_BLOCK];
        final float[] aBlock = new float[ROW_BLOCK * DEPTH_BLOCK];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @Override
    public String name() {
        return "plain Java";
    }

    @Override
    public int rowGranule() {
        return 1;
    }

    @Override
    public int columnGranule() {
        return 8;
    }

    @Override
    public void multiply(PackingSource a, PackingSource b, int k, float alpha, float beta, float[] c, int cOffset,
                         int ldc, int rowStart, int rowEnd, int colStart, int colEnd) {
        Scratch s = SCRATCH.get();
        int depthBlock = GemmKernel.depthBlock(k, DEPTH_BLOCK);
        for (int ic = rowStart; ic < rowEnd; ic += ROW_BLOCK) {
            int mc = Math.min(ROW_BLOCK, rowEnd - ic);
            for (int jc = colStart; jc < colEnd; jc += COLUMN_BLOCK) {
                int nc = Math.min(COLUMN_BLOCK, colEnd - jc);
                for (int i = 0; i < mc; i++) {
                    Arrays.fill(s.cRows[i], 0, nc, 0f);
                }
                for (int pc = 0; pc < k; pc += depthBlock) {
                    int kc = Math.min(depthBlock, k - pc);
                    for (int p = 0; p < kc; p++) {
                        PackingDispatch.packColumnStrips(b, pc + p, 1, jc, nc, nc, s.bRows[p]);
                    }
                    PackingDispatch.packRowStrips(a, ic, mc, pc, kc, mc, s.aBlock); // aBlock[p * mc + i] = A(ic + i, pc + p)
                    accumulate(s, mc, nc, kc);
                }
                store(s.cRows, mc, nc, alpha, beta, c, cOffset + ic * ldc + jc, ldc);
            }
        }
    }

    /** {@code cRows[i][0, nc) += sum over p of A(i, p) * bRows[p][0, nc)}. */
    private static void accumulate(Scratch s, int mc, int nc, int kc) {
        for (int i = 0; i < mc; i++) {
            float[] cRow = s.cRows[i];
            for (int p = 0; p < kc; p++) {
                float a = s.aBlock[p * mc + i];
                float[] bRow = s.bRows[p];
                for (int j = 0; j < nc; j++) {
                    cRow[j] += a * bRow[j];
                }
            }
        }
    }

    private static void store(float[][] cRows, int mc, int nc, float alpha, float beta, float[] c, int cBlock,
                              int ldc) {
        for (int i = 0; i < mc; i++) {
            float[] cRow = cRows[i];
            int ci = cBlock + i * ldc;
            for (int j = 0; j < nc; j++) {
                float t = cRow[j] * alpha;
                c[ci + j] = beta == 0f ? t : t + c[ci + j] * beta;
            }
        }
    }
}

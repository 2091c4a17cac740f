package org.advmusic.engine.backend.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast GEMM kernel on the incubating Java Vector API (the only class of the CPU backend that
 * uses {@code jdk.incubator.vector}; it is loaded only when that module is present).
 *
 * <p>Goto/BLIS structure: C is processed in blocks of {@value #COLUMN_BLOCK} columns; for each block
 * of at most {@value #DEPTH_BLOCK} steps of the inner dimension, B's block is packed into strips
 * {@link #TILE_COLUMNS} wide (each strip stays in L1 while it is used), and A's rows in blocks of
 * {@value #ROW_BLOCK} are packed into strips {@value #TILE_ROWS} high interleaved by k (a block stays
 * in L2). The micro-kernel multiplies one A strip by one B strip into a
 * {@value #TILE_ROWS} x {@code 2 * lanes} register tile: 12 vector accumulators, per step of k two
 * vector loads of B, six broadcasts of A and twelve fused multiply-adds. Edges are handled by the
 * zero padding of the packed strips; the tile is stored to a scratch array and added to C by a
 * separate small method, so the hot method stays small enough for the JIT (a whole tile of a product
 * with alpha 1 and beta 0 goes straight into C: the same bits, one pass over the tile fewer).
 *
 * <p>Per element of C the arithmetic is: for each depth block in order, an FMA chain over its k
 * steps from zero, then {@code c = t * alpha + c * beta} (first block) or {@code c = c + t * alpha}
 * (later blocks). It depends only on k, so results do not depend on how C is split among threads.
 */
final class VectorGemmKernel implements GemmKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Height of the register tile. */
    static final int TILE_ROWS = 6;
    /** Width of the register tile: two vectors. */
    static final int TILE_COLUMNS = 2 * LANES;
    /** Largest block of the inner dimension. */
    static final int DEPTH_BLOCK = 384;
    /** Rows of A packed at once (a multiple of the tile height). */
    static final int ROW_BLOCK = 144;
    /** Columns of B packed at once (a multiple of the tile width). */
    static final int COLUMN_BLOCK = 2048;

    /** Packing buffers and the tile scratch of one thread. */
    private static final class Scratch {
        final float[] packedA = new float[ROW_BLOCK * DEPTH_BLOCK];
        final float[] packedB = new float[DEPTH_BLOCK * COLUMN_BLOCK];
        final float[] tile = new float[TILE_ROWS * TILE_COLUMNS];
        final float[] row = new float[COLUMN_BLOCK];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @Override
    public String name() {
        return "vector (" + SPECIES.vectorBitSize() + "-bit, " + TILE_ROWS + "x" + TILE_COLUMNS + " tile)";
    }

    @Override
    public int rowGranule() {
        return TILE_ROWS;
    }

    @Override
    public int columnGranule() {
        return TILE_COLUMNS;
    }

    @Override
    public void multiply(PackingSource a, PackingSource b, int k, float alpha, float beta, float[] c, int cOffset,
                         int ldc, int rowStart, int rowEnd, int colStart, int colEnd) {
        Scratch s = SCRATCH.get();
        int depthBlock = GemmKernel.depthBlock(k, DEPTH_BLOCK);
        for (int jc = colStart; jc < colEnd; jc += COLUMN_BLOCK) {
            int nc = Math.min(COLUMN_BLOCK, colEnd - jc);
            for (int pc = 0; pc < k; pc += depthBlock) {
                int kc = Math.min(depthBlock, k - pc);
                if (PackingDispatch.readsRows(b)) {
                    packRowByRow(b, pc, kc, jc, nc, s);
                } else {
                    PackingDispatch.packColumnStrips(b, pc, kc, jc, nc, TILE_COLUMNS, s.packedB);
                }
                for (int ic = rowStart; ic < rowEnd; ic += ROW_BLOCK) {
                    int mc = Math.min(ROW_BLOCK, rowEnd - ic);
                    PackingDispatch.packRowStrips(a, ic, mc, pc, kc, TILE_ROWS, s.packedA);
                    multiplyPackedBlock(s, kc, mc, nc, alpha, beta, pc == 0, c,
                            cOffset + ic * ldc + jc, ldc);
                }
            }
        }
    }

    /**
     * {@link PackingSource#packColumnStrips} into strips {@link #TILE_COLUMNS} wide for a source
     * read row by row: each row (read in place from a row-major {@link DenseMatrix}, through the
     * scratch row otherwise) is cut into strips with vector copies; the last strip is padded with zeros.
     */
    private static void packRowByRow(PackingSource b, int row0, int rowCount, int col0, int columnCount, Scratch s) {
        float[] dst = s.packedB;
        int fullStrips = columnCount / TILE_COLUMNS;
        int rest = columnCount - fullStrips * TILE_COLUMNS;
        int stripSize = rowCount * TILE_COLUMNS;
        DenseMatrix dense = b instanceof DenseMatrix m ? m : null; // row-major: readsRows said so
        float[] row = dense != null ? dense.data() : s.row;
        for (int r = 0; r < rowCount; r++) {
            int from = 0;
            if (dense != null) {
                from = dense.offset() + (row0 + r) * dense.columns() + col0;
            } else {
                PackingDispatch.copyRow(b, row0 + r, col0, columnCount, row, 0);
            }
            int d = r * TILE_COLUMNS;
            for (int strip = 0; strip < fullStrips; strip++, d += stripSize) {
                FloatVector.fromArray(SPECIES, row, from + strip * TILE_COLUMNS).intoArray(dst, d);
                FloatVector.fromArray(SPECIES, row, from + strip * TILE_COLUMNS + LANES).intoArray(dst, d + LANES);
            }
            if (rest > 0) {
                System.arraycopy(row, from + fullStrips * TILE_COLUMNS, dst, d, rest);
                Arrays.fill(dst, d + rest, d + TILE_COLUMNS, 0f);
            }
        }
    }

    /** All register tiles of one packed {@code mc x kc} A block times one packed {@code kc x nc} B block. */
    private static void multiplyPackedBlock(Scratch s, int kc, int mc, int nc, float alpha, float beta,
                                            boolean first, float[] c, int cBlock, int ldc) {
        for (int jr = 0; jr < nc; jr += TILE_COLUMNS) {
            int bStrip = jr * kc; // (jr / TILE_COLUMNS) strips of kc * TILE_COLUMNS
            int columns = Math.min(TILE_COLUMNS, nc - jr);
            for (int ir = 0; ir < mc; ir += TILE_ROWS) {
                int rows = Math.min(TILE_ROWS, mc - ir);
                int cTile = cBlock + ir * ldc + jr;
                if (rows == TILE_ROWS && columns == TILE_COLUMNS && first && beta == 0f && alpha == 1f) {
                    // c = t exactly (t * 1 + nothing): the tile goes straight into C
                    microKernel(kc, s.packedA, ir * kc, s.packedB, bStrip, c, cTile, ldc);
                    continue;
                }
                microKernel(kc, s.packedA, ir * kc, s.packedB, bStrip, s.tile, 0, TILE_COLUMNS);
                if (rows == TILE_ROWS && columns == TILE_COLUMNS) {
                    storeFullTile(s.tile, alpha, beta, first, c, cTile, ldc);
                } else {
                    storePartialTile(s.tile, rows, columns, alpha, beta, first, c, cTile, ldc);
                }
            }
        }
    }

    /**
     * {@code tile (6 x 2 lanes) = A strip (kc x 6, interleaved) x B strip (kc x 2 lanes)}, row r of the tile
     * written to {@code out[outOffset + r * rowStride ..]} (the scratch tile, or C itself).
     */
    private static void microKernel(int kc, float[] a, int aOffset, float[] b, int bOffset, float[] out, int outOffset,
                                    int rowStride) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        int ai = aOffset;
        int bi = bOffset;
        for (int p = 0; p < kc; p++, ai += TILE_ROWS, bi += TILE_COLUMNS) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        c00.intoArray(out, outOffset);
        c01.intoArray(out, outOffset + LANES);
        c10.intoArray(out, outOffset + rowStride);
        c11.intoArray(out, outOffset + rowStride + LANES);
        c20.intoArray(out, outOffset + 2 * rowStride);
        c21.intoArray(out, outOffset + 2 * rowStride + LANES);
        c30.intoArray(out, outOffset + 3 * rowStride);
        c31.intoArray(out, outOffset + 3 * rowStride + LANES);
        c40.intoArray(out, outOffset + 4 * rowStride);
        c41.intoArray(out, outOffset + 4 * rowStride + LANES);
        c50.intoArray(out, outOffset + 5 * rowStride);
        c51.intoArray(out, outOffset + 5 * rowStride + LANES);
    }

    /** Adds a whole tile to C with vector operations (same arithmetic as {@link #storePartialTile}). */
    private static void storeFullTile(float[] tile, float alpha, float beta, boolean first, float[] c, int cTile,
                                      int ldc) {
        for (int r = 0; r < TILE_ROWS; r++) {
            for (int v = 0; v < TILE_COLUMNS; v += LANES) {
                int ci = cTile + r * ldc + v;
                FloatVector t = FloatVector.fromArray(SPECIES, tile, r * TILE_COLUMNS + v).mul(alpha);
                FloatVector result;
                if (!first) {
                    result = FloatVector.fromArray(SPECIES, c, ci).add(t);
                } else if (beta == 0f) {
                    result = t;
                } else {
                    result = t.add(FloatVector.fromArray(SPECIES, c, ci).mul(beta));
                }
                result.intoArray(c, ci);
            }
        }
    }

    /** Adds the valid {@code rows x columns} corner of a tile to C, element by element. */
    private static void storePartialTile(float[] tile, int rows, int columns, float alpha, float beta, boolean first,
                                         float[] c, int cTile, int ldc) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < columns; j++) {
                int ci = cTile + r * ldc + j;
                float t = tile[r * TILE_COLUMNS + j] * alpha;
                c[ci] = !first ? c[ci] + t : beta == 0f ? t : t + c[ci] * beta;
            }
        }
    }
}

package org.advmusic.engine.backend.cpu;

/**
 * Computes one rectangular block of a matrix product on the calling thread:
 * {@code C[rows, columns] = alpha * (A B)[rows, columns] + beta * C[rows, columns]}, where A is the
 * logical {@code m x k} and B the logical {@code k x n} matrix, and C is row-major with row stride
 * {@code ldc} starting at {@code cOffset}. When {@code beta == 0} the old contents of C are ignored.
 *
 * <p>Determinism contract: the arithmetic that produces one element of C depends only on {@code k}
 * and the values involved, never on the block boundaries, so any split of C into blocks (any thread
 * count) gives bit-identical results.
 */
interface GemmKernel {

    /** Name for notices and benchmark tables. */
    String name();

    /** Block heights that use the kernel fully (a multiple of its register-tile height). */
    int rowGranule();

    /** Block widths that use the kernel fully (a multiple of its register-tile width). */
    int columnGranule();

    /** Computes rows {@code [rowStart, rowEnd)} and columns {@code [colStart, colEnd)} of C; {@code k >= 1}. */
    void multiply(PackingSource a, PackingSource b, int k, float alpha, float beta, float[] c, int cOffset, int ldc,
                  int rowStart, int rowEnd, int colStart, int colEnd);

    /**
     * The length of the blocks the inner dimension {@code k} is cut into: as even as possible and at
     * most {@code maximum} (k = 1000, maximum 384 gives 334), a function of {@code k} alone.
     */
    static int depthBlock(int k, int maximum) {
        int blocks = (k + maximum - 1) / maximum;
        return (k + blocks - 1) / blocks;
    }
}

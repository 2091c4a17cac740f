package org.advmusic.engine.backend.cuda;

/**
 * The grid and block dimensions of a kernel launch ({@code gridDim}, {@code blockDim}; the block's
 * z dimension is always 1).
 */
record LaunchShape(int gridX, int gridY, int gridZ, int blockX, int blockY) {
    /** Threads per block of the one-thread-per-element kernels ({@code ADVMUSIC_BLOCK} in common.cuh). */
    static final int ELEMENT_BLOCK = 256;

    /** Validates the sizes against the limits of every CUDA device of compute capability 7.5 and newer. */
    LaunchShape {
        if (gridX < 1 || gridY < 1 || gridY > 65535 || gridZ < 1 || gridZ > 65535
                || blockX < 1 || blockY < 1 || (long) blockX * blockY > 1024) {
            throw new IllegalArgumentException("launch shape grid (" + gridX + ", " + gridY + ", " + gridZ
                    + ") block (" + blockX + ", " + blockY + ") is outside the CUDA limits");
        }
    }

    /** One thread per element: {@code ceil(count / ELEMENT_BLOCK)} blocks of {@link #ELEMENT_BLOCK} threads. */
    static LaunchShape perElement(long count) {
        long blocks = (count + ELEMENT_BLOCK - 1) / ELEMENT_BLOCK;
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(count + " elements are more than one launch can cover");
        }
        return new LaunchShape((int) blocks, 1, 1, ELEMENT_BLOCK, 1);
    }

    /** {@code blocks} blocks of {@code threads} threads, one-dimensional. */
    static LaunchShape blocks(int blocks, int threads) {
        return new LaunchShape(blocks, 1, 1, threads, 1);
    }
}

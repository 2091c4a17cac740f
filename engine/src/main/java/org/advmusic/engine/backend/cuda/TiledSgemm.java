package org.advmusic.engine.backend.cuda;

/**
 * The fallback GEMM: the tiled shared-memory kernel {@code sgemm_tiled} of gemm.cu, used where
 * cuBLAS does not load. Row-major like the backend, so no layout mapping is needed.
 */
final class TiledSgemm implements GemmEngine {
    /** Output tile side of one block ({@code TILE} in gemm.cu). */
    static final int TILE = 64;
    /** Threads per block side ({@code THREADS_PER_SIDE} in gemm.cu). */
    static final int THREADS_PER_SIDE = 16;
    private static final int MAX_GRID_Y_OR_Z = 65535;

    private final DeviceRuntime runtime;

    TiledSgemm(DeviceRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String description() {
        return "tiled SGEMM kernel";
    }

    @Override
    public void gemm(GemmCall g) {
        int columnTiles = (g.n() + TILE - 1) / TILE;
        int rowTiles = (g.m() + TILE - 1) / TILE;
        if (rowTiles > MAX_GRID_Y_OR_Z) {
            throw new IllegalArgumentException("gemm: m = " + g.m() + " rows need " + rowTiles
                    + " row tiles, more than the kernel's grid allows (" + MAX_GRID_Y_OR_Z + ")");
        }
        // blocks loop over the batch when it is larger than the grid's z limit
        LaunchShape shape = new LaunchShape(columnTiles, rowTiles, Math.min(g.batch(), MAX_GRID_Y_OR_Z),
                THREADS_PER_SIDE, THREADS_PER_SIDE);
        runtime.launch(Kernel.SGEMM_TILED, shape, KernelArguments.of(g.transA() ? 1 : 0, g.transB() ? 1 : 0,
                g.m(), g.n(), g.k(), g.alpha(), g.a(), g.strideA(), g.b(), g.strideB(), g.beta(), g.c(), g.strideC(),
                g.batch()));
    }
}

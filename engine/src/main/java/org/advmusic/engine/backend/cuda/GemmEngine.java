package org.advmusic.engine.backend.cuda;

/** Computes {@link GemmCall}s on the device: cuBLAS ({@link CublasGemm}) or our kernel ({@link TiledSgemm}). */
interface GemmEngine {

    /** For messages and benchmark reports, e.g. "cuBLAS 12.4" or "tiled SGEMM kernel". */
    String description();

    /** Queues the product on the device's stream. */
    void gemm(GemmCall call);
}

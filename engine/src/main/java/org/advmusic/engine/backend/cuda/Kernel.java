package org.advmusic.engine.backend.cuda;

/** Every kernel the CUDA backend launches, with the PTX module that defines it. */
enum Kernel {
    UNARY(PtxModule.ELEMENTWISE, "unary"),
    BINARY_SAME_SHAPE(PtxModule.ELEMENTWISE, "binary_same_shape"),
    BINARY_BROADCAST(PtxModule.ELEMENTWISE, "binary_broadcast"),
    WHERE(PtxModule.ELEMENTWISE, "where"),
    REDUCE_THREAD_PER_OUTPUT(PtxModule.REDUCE, "reduce_thread_per_output"),
    REDUCE_BLOCK_PER_OUTPUT(PtxModule.REDUCE, "reduce_block_per_output"),
    SOFTMAX(PtxModule.SOFTMAX, "softmax"),
    SOFTMAX_CROSS_ENTROPY(PtxModule.SOFTMAX, "softmax_cross_entropy"),
    SOFTMAX_CROSS_ENTROPY_BACKWARD(PtxModule.SOFTMAX, "softmax_cross_entropy_backward"),
    IM2COL(PtxModule.IM2COL, "im2col"),
    COL2IM(PtxModule.IM2COL, "col2im"),
    MAX_POOL(PtxModule.POOLING, "max_pool"),
    MAX_POOL_BACKWARD(PtxModule.POOLING, "max_pool_backward"),
    AVG_POOL(PtxModule.POOLING, "avg_pool"),
    AVG_POOL_BACKWARD(PtxModule.POOLING, "avg_pool_backward"),
    BATCH_NORM_STATISTICS(PtxModule.BATCHNORM, "batch_norm_statistics"),
    UPSAMPLE_BILINEAR(PtxModule.UPSAMPLE, "upsample_bilinear"),
    UPSAMPLE_BILINEAR_BACKWARD(PtxModule.UPSAMPLE, "upsample_bilinear_backward"),
    COPY_2D(PtxModule.COPY, "copy_2d"),
    GATHER_ROWS(PtxModule.COPY, "gather_rows"),
    SCATTER_ROWS(PtxModule.COPY, "scatter_rows"),
    PERMUTE(PtxModule.COPY, "permute"),
    FILL_RANDOM(PtxModule.RANDOM, "fill_random"),
    SGEMM_TILED(PtxModule.GEMM, "sgemm_tiled");

    private final PtxModule module;
    private final String entry;

    Kernel(PtxModule module, String entry) {
        this.module = module;
        this.entry = entry;
    }

    /** The PTX module that defines the kernel. */
    PtxModule module() {
        return module;
    }

    /** The kernel's name in the PTX (its extern "C" name in the CUDA source). */
    String entry() {
        return entry;
    }
}

/**
 * The float32 CUDA backend ({@link org.advmusic.engine.backend.cuda.CudaBackend}): the project's own
 * kernels, written in CUDA C under {@code engine/src/main/cuda} and shipped as PTX resources, launched
 * through the JCuda driver API; cuBLAS for GEMM where JCublas loads, the tiled SGEMM kernel elsewhere;
 * device memory from a caching allocator. What a user must install, and how the PTX is regenerated,
 * is in docs/CUDA.md.
 */
package org.advmusic.engine.backend.cuda;

package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.BackendOptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The parity tests on a real GPU with the fallback GEMM (the tiled SGEMM kernel) instead of cuBLAS,
 * so that the kernel is checked on machines where cuBLAS loads too. Every test is skipped, by an
 * assumption, where no usable GPU is present.
 */
class CudaGpuKernelGemmParityTest extends CudaParityFixture implements CudaPrimitiveParity, CudaOpParity {
    private static CudaBackend backend;

    @BeforeAll
    static void openGpuWithTheKernelGemm() {
        if (CudaGpuParityTest.gpuMissing(CudaGpuParityTest.registeredBackend()) != null) {
            return;
        }
        // a second backend on the same device, opened with the kernel GEMM
        backend = new CudaBackend(BackendOptions.defaults().withCudaGemm("kernel"));
        assertTrue(backend.description().endsWith("GEMM by tiled SGEMM kernel"), backend.description());
    }

    CudaGpuKernelGemmParityTest() {
        super(backend, CudaGpuParityTest.gpuMissing(CudaGpuParityTest.registeredBackend()), true);
    }
}

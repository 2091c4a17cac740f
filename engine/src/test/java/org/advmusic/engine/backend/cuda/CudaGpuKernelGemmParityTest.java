package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
        String previous = System.getProperty(CudaBackend.GEMM_PROPERTY);
        System.setProperty(CudaBackend.GEMM_PROPERTY, "kernel");
        try {
            backend = new CudaBackend(); // a second backend on the same device, opened with the kernel GEMM
            assertTrue(backend.description().endsWith("GEMM by tiled SGEMM kernel"), backend.description());
        } finally {
            if (previous == null) {
                System.clearProperty(CudaBackend.GEMM_PROPERTY);
            } else {
                System.setProperty(CudaBackend.GEMM_PROPERTY, previous);
            }
        }
    }

    CudaGpuKernelGemmParityTest() {
        super(backend, CudaGpuParityTest.gpuMissing(CudaGpuParityTest.registeredBackend()), true);
    }
}

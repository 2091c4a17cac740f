package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Backends;
import org.junit.jupiter.api.BeforeAll;

/**
 * The parity tests on a real GPU with the fallback GEMM (the tiled SGEMM kernel) instead of cuBLAS,
 * so that the kernel is checked on machines where cuBLAS loads too. Every test is skipped, by an
 * assumption, where no usable GPU is present.
 */
class CudaGpuKernelGemmParityTest extends CudaParityFixture implements CudaPrimitiveParity, CudaOpParity {
    private static CudaBackend backend;
    private static String skipReason;

    @BeforeAll
    static void openGpuWithTheKernelGemm() {
        skipReason = Backends.all().stream().filter(b -> b.name().equals("cuda")).findFirst().orElseThrow()
                .unavailableReason().map(reason -> "no usable GPU: " + reason).orElse(null);
        if (skipReason != null) {
            return;
        }
        String previous = System.getProperty(CudaBackend.GEMM_PROPERTY);
        System.setProperty(CudaBackend.GEMM_PROPERTY, "kernel");
        try {
            backend = new CudaBackend(); // a second backend on the same device, opened with the kernel GEMM
            skipReason = backend.unavailableReason().orElse(null);
        } finally {
            if (previous == null) {
                System.clearProperty(CudaBackend.GEMM_PROPERTY);
            } else {
                System.setProperty(CudaBackend.GEMM_PROPERTY, previous);
            }
        }
        assertTrue(backend.description().endsWith("GEMM by tiled SGEMM kernel"), backend.description());
    }

    @Override
    protected String skipReason() {
        return skipReason;
    }

    @Override
    public CudaBackend cuda() {
        return backend;
    }

    @Override
    public boolean largeCases() {
        return true;
    }
}

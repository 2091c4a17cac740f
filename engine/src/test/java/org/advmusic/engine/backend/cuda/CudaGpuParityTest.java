package org.advmusic.engine.backend.cuda;

import org.advmusic.engine.Backends;
import org.junit.jupiter.api.BeforeAll;

/**
 * The parity tests on a real GPU, through the registered backend (cuBLAS for GEMM where it loads).
 * Every test is skipped, by an assumption, where no usable NVIDIA GPU and driver are present.
 */
class CudaGpuParityTest extends CudaParityFixture implements CudaPrimitiveParity, CudaOpParity {
    private static CudaBackend backend;

    @BeforeAll
    static void findGpu() {
        backend = registeredBackend();
    }

    CudaGpuParityTest() {
        super(backend, gpuMissing(backend), true);
    }

    /** The CUDA backend found through ServiceLoader. */
    static CudaBackend registeredBackend() {
        return (CudaBackend) Backends.all().stream().filter(b -> b.name().equals("cuda")).findFirst()
                .orElseThrow(() -> new AssertionError("the cuda backend is not registered in META-INF/services"));
    }

    /** Why the GPU tests must be skipped, or null. */
    static String gpuMissing(CudaBackend backend) {
        return backend.unavailableReason().map(reason -> "no usable GPU: " + reason).orElse(null);
    }
}

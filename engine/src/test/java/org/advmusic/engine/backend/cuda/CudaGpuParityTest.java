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
    static void openGpu() {
        backend = (CudaBackend) Backends.all().stream().filter(b -> b.name().equals("cuda")).findFirst().orElseThrow();
    }

    @Override
    protected String skipReason() {
        return backend.unavailableReason().map(reason -> "no usable GPU: " + reason).orElse(null);
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

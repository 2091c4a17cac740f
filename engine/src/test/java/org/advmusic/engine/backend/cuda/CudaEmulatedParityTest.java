package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The parity tests on the kernel emulator: the CUDA backend with its kernels compiled for the CPU
 * (with sanitizers), so that kernels, launch shapes and argument passing are checked on machines
 * without a GPU. Every test is skipped when the emulator cannot be built (no g++). The GEMM is the
 * tiled kernel (the emulator has no cuBLAS).
 */
class CudaEmulatedParityTest extends CudaParityFixture implements CudaPrimitiveParity, CudaOpParity {
    private static EmulatedDeviceRuntime runtime;
    private static CudaBackend backend;

    @BeforeAll
    static void startEmulator() {
        if (KernelEmulator.unavailableReason() == null) {
            backend = new CudaBackend(() -> runtime = new EmulatedDeviceRuntime());
            assertTrue(backend.unavailableReason().isEmpty(), () -> backend.unavailableReason().get());
        }
    }

    @AfterAll
    static void stopEmulator() {
        if (runtime != null) {
            runtime.close();
        }
    }

    CudaEmulatedParityTest() {
        super(backend, KernelEmulator.unavailableReason() == null ? null
                : "the kernel emulator cannot be built here: " + KernelEmulator.unavailableReason(), false);
    }
}

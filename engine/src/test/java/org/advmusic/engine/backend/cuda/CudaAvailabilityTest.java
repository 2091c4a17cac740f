package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.DType;
import org.junit.jupiter.api.Test;

/**
 * How the backend reports that it cannot run, and how backend selection reacts. The first tests use
 * the real backend on whatever this machine has; the others use runtimes that fail on purpose.
 */
class CudaAvailabilityTest {

    @Test
    void isRegisteredAboveTheOtherBackendsAsFloat32() {
        Backend cuda = CudaGpuParityTest.registeredBackend();
        assertEquals("cuda", cuda.name());
        assertEquals(DType.F32, cuda.dtype());
        for (Backend other : Backends.all()) {
            if (other != cuda) {
                assertTrue(cuda.autoPriority() > other.autoPriority(), "cuda must outrank " + other.name() + " under auto");
            }
        }
    }

    @Test
    void withoutAUsableGpuTheReasonIsGivenAndAutoFallsBack() {
        Backend cuda = CudaGpuParityTest.registeredBackend();
        Optional<String> reason = cuda.unavailableReason();
        assumeTrue(reason.isPresent(), "a GPU is usable here; CudaGpuParityTest covers this machine");
        assertTrue(reason.get().length() > 20, "an informative reason, got: " + reason.get());

        IllegalStateException asked = assertThrows(IllegalStateException.class, () -> Backends.get("cuda"));
        assertTrue(asked.getMessage().contains(reason.get()), asked.getMessage());
        IllegalStateException primitive = assertThrows(IllegalStateException.class, () -> cuda.allocate(4));
        assertTrue(primitive.getMessage().contains(reason.get()), primitive.getMessage());
        assertEquals(0, cuda.liveBuffers());

        // auto picks the best available backend; with none besides the reference (which auto never
        // picks) it fails, saying why cuda was skipped
        Optional<Backend> fallback = Backends.all().stream()
                .filter(b -> b != cuda && b.autoPriority() >= 0 && b.unavailableReason().isEmpty()).findFirst();
        if (fallback.isPresent()) {
            assertEquals(fallback.get(), Backends.get("auto"));
        } else {
            IllegalStateException none = assertThrows(IllegalStateException.class, () -> Backends.get("auto"));
            assertTrue(none.getMessage().contains("cuda unavailable: " + reason.get()), none.getMessage());
        }
    }

    @Test
    void withAUsableGpuAutoPicksIt() {
        CudaBackend cuda = CudaGpuParityTest.registeredBackend();
        assumeTrue(cuda.unavailableReason().isEmpty(), "no usable GPU here");
        assertEquals(cuda, Backends.get("auto"));
        assertNotEquals("", cuda.description());
    }

    @Test
    void withoutAGpuCublasFailsWithAReason() {
        assumeTrue(CudaGpuParityTest.registeredBackend().unavailableReason().isPresent(), "a GPU is usable here");
        // JCublas either does not load (no libcublas.so.12: the link error is named) or cannot start
        RuntimeException first = assertThrows(RuntimeException.class, CublasGemm::new);
        RuntimeException second = assertThrows(RuntimeException.class, CublasGemm::new);
        assertEquals(first.getClass(), second.getClass(), "a second attempt fails the same way");
        if (first instanceof IllegalStateException) {
            assertTrue(first.getMessage().contains("Error"), first.getMessage());
            assertEquals(first.getMessage(), second.getMessage(), "the first load failure is kept");
        }
    }

    @Test
    void aFailedStepIsReportedAndNothingElseIsTried() {
        int[] opens = {0};
        CudaBackend backend = new CudaBackend(() -> {
            opens[0]++;
            throw new CudaUnavailableException("initialising the CUDA driver (cuInit) failed: CudaException: CUDA_ERROR_NO_DEVICE");
        });
        assertEquals(Optional.of("initialising the CUDA driver (cuInit) failed: CudaException: CUDA_ERROR_NO_DEVICE"),
                backend.unavailableReason());
        backend.unavailableReason();
        assertThrows(IllegalStateException.class, () -> backend.upload(new float[] {1}));
        assertEquals(1, opens[0], "the device is opened once, not retried on every call");
        assertTrue(backend.description().startsWith("unavailable: "));
    }

    @Test
    void anyThrowableWhileOpeningMakesTheBackendUnavailable() {
        CudaBackend backend = new CudaBackend(() -> {
            throw new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                    + "Stack trace from the attempt to load the library as a resource:\n"
                    + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: "
                    + "cannot open shared object file: No such file or directory\n");
        });
        String reason = backend.unavailableReason().orElseThrow();
        assertTrue(reason.contains("UnsatisfiedLinkError"), reason);
        assertTrue(reason.contains("libcuda.so.1: cannot open shared object file"), reason);
        assertTrue(!reason.contains("\n"), "one line: " + reason);
    }
}

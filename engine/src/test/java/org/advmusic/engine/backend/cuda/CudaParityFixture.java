package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the parity tests ({@link CudaPrimitiveParity}, {@link CudaOpParity}) run on: a CUDA backend
 * (on a GPU or on the kernel emulator) and the float64 reference. Every test is skipped, by an
 * assumption, when that device is missing; otherwise it runs inside a {@link MemoryScope}, and fails
 * when the CUDA backend has more live buffers after it than before: nothing may leak once the scope
 * closes.
 */
abstract class CudaParityFixture {
    private final CudaBackend cuda;
    private final String skipReason;
    private final boolean largeCases;
    private MemoryScope scope;
    private long liveBefore;

    /**
     * @param cuda       the backend under test (may be null when skipped)
     * @param skipReason why the device cannot be used here, or null when it can
     * @param largeCases whether the device is fast enough for the largest cases (a GPU, not the emulator)
     */
    CudaParityFixture(CudaBackend cuda, String skipReason, boolean largeCases) {
        this.cuda = cuda;
        this.skipReason = skipReason;
        this.largeCases = largeCases;
    }

    /** The backend under test. */
    public CudaBackend cuda() {
        return cuda;
    }

    /** Whether the device is fast enough for the largest cases. */
    public boolean largeCases() {
        return largeCases;
    }

    /** The float64 oracle. */
    public Backend reference() {
        return Backends.reference();
    }

    /** A computation written once against the Backend API and run on both backends. */
    @FunctionalInterface
    interface Computation {
        Tensor on(Backend backend);
    }

    /**
     * Runs {@code c} on both backends and compares the results within the tolerance, after rounding
     * the reference's to float (so that, e.g., a result beyond the float range is infinite in both).
     */
    public void compare(String what, double absolute, double relative, Computation c) {
        double[] expected = ParityAssertions.roundedToFloat(c.on(reference()).toDoubleArray());
        double[] actual = c.on(cuda()).toDoubleArray();
        ParityAssertions.assertClose(what, expected, actual, absolute, relative);
    }

    /** Runs {@code c} on both backends and requires identical results after rounding the reference's to float. */
    public void compareExactly(String what, Computation c) {
        compare(what, 0, 0, c);
    }

    @BeforeEach
    void openScope() {
        assumeTrue(skipReason == null, skipReason);
        liveBefore = cuda().liveBuffers();
        scope = MemoryScope.open();
    }

    @AfterEach
    void closeScopeAndCheckForLeaks() {
        if (scope == null) {
            return; // skipped
        }
        scope.close();
        assertEquals(liveBefore, cuda().liveBuffers(), "CUDA buffers leaked: allocated in the test and never released");
    }
}

package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;

/** The caching allocator: recycling, zeroing, its bound, and no leaked buffers after scoped steps. */
class MemoryTest {

    @Test
    void releasedArraysAreRecycledByLength() {
        CpuBackend cpu = new CpuBackend(CpuTesting.THREE_THREADS, new PlainGemmKernel());
        FloatArrayBuffer first = (FloatArrayBuffer) cpu.allocateUninitialized(1000);
        float[] array = first.array("test");
        Arrays.fill(array, 7f);
        first.release();
        FloatArrayBuffer other = (FloatArrayBuffer) cpu.allocateUninitialized(999);
        assertNotSame(array, other.array("test"), "a different length must not reuse the array");
        FloatArrayBuffer again = (FloatArrayBuffer) cpu.allocateUninitialized(1000);
        assertSame(array, again.array("test"), "the released array of the same length is reused");
        again.release();
        FloatArrayBuffer zeroed = (FloatArrayBuffer) cpu.allocate(1000);
        assertSame(array, zeroed.array("test"));
        assertEquals(0f, max(zeroed.array("test")), "allocate returns zeros even when recycling");
        assertThrows(IllegalStateException.class, () -> first.array("test"), "a released buffer cannot be used");
    }

    @Test
    void theRecyclerKeepsAtMostItsCapacityUnlessMoreWasLiveAtOnce() {
        ArrayRecycler recycler = new ArrayRecycler(100);
        for (int i = 0; i < 3; i++) { // one array of 60 live at a time
            recycler.bufferCreated(60);
            recycler.bufferReleased(new float[60]);
        }
        assertEquals(120, recycler.keptElements(), "the larger of the capacity (100) and twice the peak (120)");
        assertEquals(0, recycler.liveBuffers());

        ArrayRecycler step = new ArrayRecycler(100);
        float[][] arrays = new float[3][];
        for (int i = 0; i < 3; i++) { // a step with 180 floats live at once
            arrays[i] = step.uninitialized(60);
            step.bufferCreated(60);
        }
        for (float[] array : arrays) {
            step.bufferReleased(array);
        }
        assertEquals(180, step.keptElements(), "all that was live at once, beyond the capacity");
        assertEquals(180, step.freshElements());
        for (int i = 0; i < 3; i++) {
            step.uninitialized(60);
        }
        assertEquals(180, step.freshElements(), "the next step allocates nothing fresh");
    }

    /**
     * A step whose working set exceeds the recycler's capacity (the full-width genre CNN at batch 64 with the
     * default heap, here a capacity of nothing) still allocates nothing fresh once warm: with the arrays
     * beyond the capacity dropped, every step allocated them again (issue 21's humongous allocations).
     */
    @Test
    void warmStepsBeyondTheRecyclersCapacityAllocateNothingFresh() {
        CpuBackend cpu = new CpuBackend(CpuTesting.THREE_THREADS, GemmKernels.vector(), new ArrayRecycler(0));
        TinyConvNet net = new TinyConvNet(cpu, 7);
        net.step(0.01);
        net.step(0.01);
        long fresh = cpu.freshlyAllocatedFloats();
        for (int i = 0; i < 3; i++) {
            net.step(0.01);
        }
        assertEquals(fresh, cpu.freshlyAllocatedFloats(), "floats allocated fresh by three warm steps");
    }

    @Test
    void scopedTrainingStepsLeakNothing() {
        CpuBackend cpu = new CpuBackend(CpuTesting.THREE_THREADS, GemmKernels.vector());
        TinyConvNet net = new TinyConvNet(cpu, 7);
        net.step(0.01); // the first step creates the recycled arrays
        long live = cpu.liveBuffers();
        for (int i = 0; i < 3; i++) {
            net.step(0.01);
            assertEquals(live, cpu.liveBuffers(), "live buffers after step " + i);
        }
        try (var scope = MemoryScope.open()) {
            Tensor kept = Tensor.ones(cpu, Shape.of(5)).keep();
            Tensor.zeros(cpu, Shape.of(5));
            assertEquals(live + 2, cpu.liveBuffers());
            scope.close();
            assertEquals(live + 1, cpu.liveBuffers(), "only the kept tensor survives its scope");
            kept.release();
        }
        assertEquals(live, cpu.liveBuffers());
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}

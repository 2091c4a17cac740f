package org.advmusic.engine.backend.cpu;

import static org.advmusic.engine.backend.cpu.CpuTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Conv2dGeometry;
import org.advmusic.engine.DeviceBuffer;
import org.junit.jupiter.api.Test;

/**
 * The cache of Winograd-transformed kernels serves a transform only while the weights are those it was
 * made from: convolutions after an update of the weights in place (an optimizer step) equal convolutions
 * with freshly uploaded weights, bit for bit, forward and for the input gradient.
 */
class KernelTransformCacheTest {
    private static final Conv2dGeometry GEOMETRY = new Conv2dGeometry(16, 13, 9, 3, 3, 1, 1, 1, 1);
    private static final int OUT_CHANNELS = 17;
    private static final int BATCH = 2;

    @Test
    void anEntryIsReusedOnlyForItsArrayOrientationAndValues() {
        KernelTransformCache cache = new KernelTransformCache(1 << 20);
        float[] w = values(1, 18 * 9);
        KernelTransformCache.Entry entry = cache.take(w, false, 2, 100);
        assertFalse(entry.isTransformOf(w), "a new entry holds no transform yet");
        entry.madeFrom(w);
        assertTrue(entry.isTransformOf(w));
        cache.give(entry);
        assertSame(entry, cache.take(w, false, 2, 100), "the same array and orientation");
        assertEquals(0, cache.size(), "taken out while in use");
        cache.give(entry);
        assertNotSame(entry, cache.take(w, true, 2, 100), "the other orientation");
        assertNotSame(entry, cache.take(w.clone(), false, 2, 100), "another array with the same values");
        KernelTransformCache.Entry again = cache.take(w, false, 2, 100);
        assertSame(entry, again);
        w[5] += 1f; // an update in place
        assertFalse(again.isTransformOf(w), "the entry must see the weights changed");
    }

    @Test
    void theLeastRecentlyUsedEntriesGoBeyondTheCapacity() {
        float[] a = values(2, 9);
        float[] b = values(3, 9);
        KernelTransformCache cache = new KernelTransformCache(2 * (9 + 36));
        KernelTransformCache.Entry ea = cache.take(a, false, 1, 36);
        KernelTransformCache.Entry eb = cache.take(b, false, 1, 36);
        cache.give(ea);
        cache.give(eb);
        assertEquals(2, cache.size());
        float[] c = values(4, 9);
        cache.give(cache.take(c, false, 1, 36));
        assertEquals(2, cache.size());
        assertNotSame(ea, cache.take(a, false, 1, 36), "the oldest entry was dropped");
        assertSame(eb, cache.take(b, false, 1, 36));
    }

    @Test
    void convolutionsAfterAnUpdateInPlaceEqualConvolutionsWithFreshWeights() {
        CpuBackend cpu = CpuTesting.VECTOR;
        float[] x = values(5, BATCH * GEOMETRY.inputSize());
        float[] gradOut = values(6, BATCH * OUT_CHANNELS * GEOMETRY.colColumns());
        float[] before = values(7, OUT_CHANNELS * GEOMETRY.colRows());
        float[] after = before.clone();
        after[after.length / 2] += 0.5f;
        DeviceBuffer weights = cpu.upload(before);
        assertArrayEquals(forward(cpu, x, cpu.upload(before)), forward(cpu, x, weights));
        assertArrayEquals(inputGradient(cpu, gradOut, cpu.upload(before)), inputGradient(cpu, gradOut, weights));
        assertArrayEquals(forward(cpu, x, weights), forward(cpu, x, weights), "served from the cache");
        System.arraycopy(after, 0, cpu.f(weights, "test"), 0, after.length); // as an optimizer step does
        assertArrayEquals(forward(cpu, x, cpu.upload(after)), forward(cpu, x, weights));
        assertArrayEquals(inputGradient(cpu, gradOut, cpu.upload(after)), inputGradient(cpu, gradOut, weights));
    }

    private static float[] forward(CpuBackend cpu, float[] x, DeviceBuffer weights) {
        DeviceBuffer out = cpu.allocate(BATCH * OUT_CHANNELS * GEOMETRY.colColumns());
        cpu.fused().conv2d(GEOMETRY, cpu.upload(x), weights, null, OUT_CHANNELS, out, BATCH);
        return cpu.f(out, "test").clone();
    }

    private static float[] inputGradient(CpuBackend cpu, float[] gradOut, DeviceBuffer weights) {
        DeviceBuffer gradX = cpu.allocate(BATCH * GEOMETRY.inputSize());
        cpu.fused().conv2dInputGradient(GEOMETRY, cpu.upload(gradOut), weights, OUT_CHANNELS, gradX, BATCH);
        return cpu.f(gradX, "test").clone();
    }
}

package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The control loops give readings on any machine, and refuse a thread count below one. */
class ControlLoopsTest {

    @Test
    void readingsArePositiveAndFinite() {
        ControlLoops loops = new ControlLoops(1);
        double fma = loops.fmaGflops(0.05);
        double memory = loops.memoryGigabytesPerSecond(0.05);
        double sharedCache = loops.sharedCacheGigabytesPerSecond(0.05);
        double coreCache = loops.coreCacheGigabytesPerSecond(0.05);
        assertTrue(fma > 0.1 && Double.isFinite(fma), "FMA " + fma + " GFLOP/s");
        assertTrue(memory > 0.1 && Double.isFinite(memory), "memory " + memory + " GB/s");
        assertTrue(sharedCache > 0.1 && Double.isFinite(sharedCache), "shared cache " + sharedCache + " GB/s");
        assertTrue(coreCache > 0.1 && Double.isFinite(coreCache), "core cache " + coreCache + " GB/s");
        assertEquals(Math.sqrt(400 * 46.0), ControlLoops.speed(400, 46), 1e-12);
    }

    @Test
    void atLeastOneThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ControlLoops(0));
        assertEquals("control loops: 0 threads, expected >= 1", e.getMessage());
    }
}

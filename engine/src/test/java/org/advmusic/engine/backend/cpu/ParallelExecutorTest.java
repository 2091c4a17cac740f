package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The thread pool of the CPU backend, its configuration, and the choice of GEMM kernel. */
class ParallelExecutorTest {
    private static final ParallelExecutor FOUR = new ParallelExecutor(4);

    @Test
    void everyTaskRunsExactlyOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(1000);
        FOUR.forEachTask(1000, runs::incrementAndGet);
        for (int t = 0; t < 1000; t++) {
            assertEquals(1, runs.get(t), "task " + t);
        }
    }

    @Test
    void rangesCoverEveryIndexOnce() {
        for (int length : new int[] {0, 1, 7, 100_000}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, length));
            FOUR.forEachRange(length, 1000, (start, end) -> {
                for (int i = start; i < end; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < length; i++) {
                assertEquals(1, hits.get(i), "index " + i + " of " + length);
            }
        }
    }

    @Test
    void aFailingTaskFailsTheCall() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> FOUR.forEachTask(50, t -> {
            if (t == 37) {
                throw boom;
            }
        }));
        assertSame(boom, thrown);
    }

    @Test
    void nestedCallsRunOnTheCallingTask() {
        AtomicIntegerArray runs = new AtomicIntegerArray(8 * 8);
        FOUR.forEachTask(8, outer -> FOUR.forEachTask(8, inner -> runs.incrementAndGet(outer * 8 + inner)));
        for (int i = 0; i < 64; i++) {
            assertEquals(1, runs.get(i));
        }
    }

    @Test
    void theKernelOptionForcesAKernel() {
        assertInstanceOf(PlainGemmKernel.class, GemmKernels.named("plain"));
        assertTrue(GemmKernels.named("vector").name().startsWith("vector"));
        assertTrue(GemmKernels.named("auto").name().startsWith("vector"),
                "the tests run with --add-modules jdk.incubator.vector");
        assertThrows(IllegalArgumentException.class, () -> GemmKernels.named("fastest"));
    }
}

package org.advmusic.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
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
    void theThreadCountComesFromTheSystemProperty() {
        assertEquals(3, withProperty(ParallelExecutor.THREADS_PROPERTY, " 3 ", ParallelExecutor::configuredThreads));
        for (String bad : new String[] {"0", "two", "-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> withProperty(ParallelExecutor.THREADS_PROPERTY, bad, ParallelExecutor::configuredThreads));
            assertTrue(e.getMessage().contains(ParallelExecutor.THREADS_PROPERTY) && e.getMessage().contains(bad),
                    e.getMessage());
        }
    }

    @Test
    void theKernelPropertyForcesAKernel() {
        String property = GemmKernels.KERNEL_PROPERTY;
        assertInstanceOf(PlainGemmKernel.class, withProperty(property, "plain", GemmKernels::configured));
        assertTrue(withProperty(property, "vector", GemmKernels::configured).name().startsWith("vector"));
        assertTrue(withProperty(property, "auto", GemmKernels::configured).name().startsWith("vector"),
                "the tests run with --add-modules jdk.incubator.vector");
        assertThrows(IllegalArgumentException.class,
                () -> withProperty(property, "fastest", GemmKernels::configured));
    }

    private static <T> T withProperty(String key, String value, Supplier<T> body) {
        String old = System.getProperty(key);
        System.setProperty(key, value);
        try {
            return body.get();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }
}

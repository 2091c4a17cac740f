package org.advmusic.engine.backend.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the CPU backend's loops on a fixed number of threads: the calling thread plus
 * {@code threads - 1} daemon helper threads. Tasks are numbered; which thread runs which task
 * varies, so callers give every task a fixed piece of work whose result does not depend on the
 * thread that computes it (that is what makes results independent of scheduling). A call made from
 * inside a task runs its tasks sequentially on that thread.
 */
final class ParallelExecutor {
    private static final ThreadLocal<Boolean> INSIDE_TASK = ThreadLocal.withInitial(() -> false);

    private final int threads;
    private final ExecutorService helpers;

    /** A range of indices {@code [start, end)} to process. */
    @FunctionalInterface
    interface RangeBody {
        void run(int start, int end);
    }

    ParallelExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("CPU backend thread count is " + threads + ", expected >= 1");
        }
        this.threads = threads;
        AtomicInteger number = new AtomicInteger();
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
            Thread t = new Thread(task, "advmusic-cpu-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Number of threads that run tasks, the caller included. */
    int threads() {
        return threads;
    }

    /** Runs {@code body.accept(t)} for every {@code t < tasks} and returns when all have finished. */
    void forEachTask(int tasks, IntConsumer body) {
        if (tasks <= 1 || helpers == null || INSIDE_TASK.get()) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            INSIDE_TASK.set(true);
            try {
                for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                    try {
                        body.accept(t);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        done.countDown();
                    }
                }
            } finally {
                INSIDE_TASK.set(false);
            }
        };
        for (int h = Math.min(threads, tasks) - 1; h > 0; h--) {
            helpers.execute(worker);
        }
        worker.run();
        awaitUninterruptibly(done);
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException("a CPU backend task failed", e);
        }
    }

    /**
     * Splits {@code [0, length)} into at most {@link #threads()} contiguous ranges of at least
     * {@code minimumChunk} indices (one range when {@code length} is small) and runs them in parallel.
     */
    void forEachRange(int length, int minimumChunk, RangeBody body) {
        int chunks = (int) Math.max(1, Math.min(threads, length / (long) Math.max(1, minimumChunk)));
        if (chunks == 1) {
            body.run(0, length);
            return;
        }
        forEachTask(chunks, c -> body.run((int) ((long) length * c / chunks),
                (int) ((long) length * (c + 1) / chunks)));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.advmusic.nn.svm;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/** Runs parallel-stream work on a pool of a chosen size that lives only for the call. */
final class Pools {
    private Pools() {
    }

    /** {@code work} evaluated inside a fresh pool of {@code threads} threads (its parallel streams use that pool). */
    static <T> T run(int threads, String what, Supplier<T> work) {
        if (threads < 1) {
            throw new IllegalArgumentException(what + ": thread count is " + threads + ", expected >= 1");
        }
        if (threads == 1) {
            return work.get();
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(work::get).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } finally {
            pool.shutdownNow();
        }
    }
}

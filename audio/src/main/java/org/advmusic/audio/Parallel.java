package org.advmusic.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs independent per-track work on a fixed number of threads and returns the results in input
 * order, so the outcome never depends on scheduling.
 */
public final class Parallel {
    private Parallel() {
    }

    /** The default thread count: the available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * {@code work} applied to every item, on {@code threads} threads (1: on the calling thread).
     * An exception thrown by {@code work} is rethrown (unchecked) after the pool is shut down.
     */
    public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> work) {
        if (threads <= 0) {
            throw new IllegalArgumentException("thread count must be positive, got " + threads);
        }
        if (threads == 1 || items.size() <= 1) {
            return items.stream().map(work).toList();
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, "advmusic-audio-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while processing tracks", e);
        } finally {
            pool.shutdownNow();
        }
    }
}

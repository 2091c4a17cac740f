package org.advmusic.engine.backend.cpu;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The caching allocator of the CPU backend. A training step allocates the same sizes again and
 * again, and {@link org.advmusic.engine.MemoryScope#close()} releases them all at the end of the
 * step, so released arrays are kept by exact length and handed out again instead of asking the
 * garbage collector for fresh zeroed memory. It keeps up to {@code capacityElements} floats, or, when
 * more, twice as many as the buffers that were ever live at once (at most half the heap): then a loop
 * whose step needs more than the capacity is still served from the recycler in its steady state. With
 * the capacity a fixed quarter of the heap, a full-width genre CNN training step at batch 64 (2.3 GB of
 * arrays) dropped what did not fit and allocated it again at every step, each array a G1 humongous
 * allocation (issue 21; soft references, tried first, left the steady state to G1's soft-reference
 * policy). Should a fresh array not fit in the heap, the kept arrays are dropped and the allocation
 * tried again. The arrays allocated fresh are counted ({@link #freshElements}), so that a test can
 * check that a steady-state loop allocates none. Thread-safe.
 */
final class ArrayRecycler {
    private final Map<Integer, ArrayDeque<float[]>> byLength = new HashMap<>();
    private final long capacityElements;
    private final long heapHalfElements = Runtime.getRuntime().maxMemory() / 2 / Float.BYTES;
    private long keptElements;
    private final AtomicLong live = new AtomicLong();
    private long liveElements;
    private long peakLiveElements;
    private final AtomicLong freshElements = new AtomicLong();

    /** @param capacityElements the floats kept for reuse at least (0: twice as many as were ever live at once) */
    ArrayRecycler(long capacityElements) {
        if (capacityElements < 0) {
            throw new IllegalArgumentException("recycler capacity is " + capacityElements + " elements, expected >= 0");
        }
        this.capacityElements = capacityElements;
    }

    /** A capacity of a quarter of the maximum heap. */
    static ArrayRecycler sizedForHeap() {
        return new ArrayRecycler(Runtime.getRuntime().maxMemory() / 4 / Float.BYTES);
    }

    /** An array of {@code length} zeros. */
    float[] zeros(int length) {
        float[] a = take(length);
        if (a == null) {
            return fresh(length);
        }
        Arrays.fill(a, 0f);
        return a;
    }

    /** An array of {@code length} elements with arbitrary contents. */
    float[] uninitialized(int length) {
        float[] a = take(length);
        return a != null ? a : fresh(length);
    }

    private float[] fresh(int length) {
        freshElements.addAndGet(length);
        try {
            return new float[length];
        } catch (OutOfMemoryError e) { // the kept arrays are only a cache: give them back and try again
            synchronized (this) {
                byLength.clear();
                keptElements = 0;
            }
            return new float[length];
        }
    }

    private synchronized float[] take(int length) {
        ArrayDeque<float[]> queue = byLength.get(length);
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        keptElements -= length;
        return queue.pop();
    }

    /** Counts a new buffer of {@code length} floats as live. */
    void bufferCreated(int length) {
        live.incrementAndGet();
        synchronized (this) {
            liveElements += length;
            peakLiveElements = Math.max(peakLiveElements, liveElements);
        }
    }

    /** Counts a buffer as released and keeps its array for reuse while there is room. */
    void bufferReleased(float[] array) {
        live.decrementAndGet();
        synchronized (this) {
            liveElements -= array.length;
            // twice the peak: room for the steady state's arrays beside those of lengths no longer asked for
            long room = Math.max(capacityElements, Math.min(2 * peakLiveElements, heapHalfElements));
            if (array.length == 0 || keptElements + array.length > room) {
                return; // dropped: the garbage collector reclaims it
            }
            byLength.computeIfAbsent(array.length, n -> new ArrayDeque<>()).push(array);
            keptElements += array.length;
        }
    }

    /** Buffers created and not yet released. */
    long liveBuffers() {
        return live.get();
    }

    /** Floats currently kept for reuse. */
    synchronized long keptElements() {
        return keptElements;
    }

    /** Floats of the arrays allocated fresh, because no released array of their length was at hand, so far. */
    long freshElements() {
        return freshElements.get();
    }
}

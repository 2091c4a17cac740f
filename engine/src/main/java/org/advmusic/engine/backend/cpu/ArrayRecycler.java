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
 * garbage collector for fresh zeroed memory. At most {@code capacityElements} floats are kept;
 * beyond that released arrays are simply dropped. Thread-safe.
 */
final class ArrayRecycler {
    private final Map<Integer, ArrayDeque<float[]>> byLength = new HashMap<>();
    private final long capacityElements;
    private long keptElements;
    private final AtomicLong live = new AtomicLong();

    /** @param capacityElements upper bound on the floats kept for reuse (0 disables recycling) */
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
            return new float[length];
        }
        Arrays.fill(a, 0f);
        return a;
    }

    /** An array of {@code length} elements with arbitrary contents. */
    float[] uninitialized(int length) {
        float[] a = take(length);
        return a != null ? a : new float[length];
    }

    private synchronized float[] take(int length) {
        ArrayDeque<float[]> queue = byLength.get(length);
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        keptElements -= length;
        return queue.pop();
    }

    /** Counts a new buffer as live. */
    void bufferCreated() {
        live.incrementAndGet();
    }

    /** Counts a buffer as released and keeps its array for reuse while there is room. */
    void bufferReleased(float[] array) {
        live.decrementAndGet();
        synchronized (this) {
            if (array.length == 0 || keptElements + array.length > capacityElements) {
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
}

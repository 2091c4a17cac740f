package org.advmusic.engine.backend.cpu;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The caching allocator of the CPU backend. A training step allocates the same sizes again and
 * again, and {@link org.advmusic.engine.MemoryScope#close()} releases them all at the end of the
 * step, so released arrays are kept by exact length and handed out again instead of asking the
 * garbage collector for fresh zeroed memory. Up to {@code capacityElements} floats are kept outright;
 * beyond that, released arrays are kept through soft references, which the garbage collector clears
 * only when it needs the memory. A training step at batch 64 of the full-width genre CNN has a working
 * set above a quarter of the default heap: with the arrays beyond the capacity dropped, every step
 * allocated hundreds of megabytes of fresh arrays, each one a G1 humongous allocation (issue 21). The
 * arrays allocated fresh are counted ({@link #freshElements}), so that a test can check that a
 * steady-state loop allocates none. Thread-safe.
 */
final class ArrayRecycler {
    /** Soft references kept per length at most (cleared ones are dropped as new ones come). */
    private static final int SPARE_PER_LENGTH = 64;

    private final Map<Integer, ArrayDeque<float[]>> byLength = new HashMap<>();
    private final Map<Integer, ArrayDeque<SoftReference<float[]>>> spareByLength = new HashMap<>();
    private final long capacityElements;
    private long keptElements;
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong freshElements = new AtomicLong();

    /** @param capacityElements upper bound on the floats kept outright (0: every released array kept softly) */
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
        return new float[length];
    }

    private synchronized float[] take(int length) {
        ArrayDeque<float[]> queue = byLength.get(length);
        if (queue != null && !queue.isEmpty()) {
            keptElements -= length;
            return queue.pop();
        }
        ArrayDeque<SoftReference<float[]>> spare = spareByLength.get(length);
        while (spare != null && !spare.isEmpty()) {
            float[] a = spare.pop().get();
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /** Counts a new buffer as live. */
    void bufferCreated() {
        live.incrementAndGet();
    }

    /** Counts a buffer as released and keeps its array for reuse: outright while there is room, else softly. */
    void bufferReleased(float[] array) {
        live.decrementAndGet();
        if (array.length == 0) {
            return;
        }
        synchronized (this) {
            if (keptElements + array.length <= capacityElements) {
                byLength.computeIfAbsent(array.length, n -> new ArrayDeque<>()).push(array);
                keptElements += array.length;
                return;
            }
            ArrayDeque<SoftReference<float[]>> spare = spareByLength.computeIfAbsent(array.length,
                    n -> new ArrayDeque<>());
            spare.push(new SoftReference<>(array));
            if (spare.size() > SPARE_PER_LENGTH) {
                spare.removeLast();
            }
        }
    }

    /** Buffers created and not yet released. */
    long liveBuffers() {
        return live.get();
    }

    /** Floats currently kept outright for reuse (not counting those kept softly). */
    synchronized long keptElements() {
        return keptElements;
    }

    /** Floats of the arrays allocated fresh, because no released array of their length was at hand, so far. */
    long freshElements() {
        return freshElements.get();
    }
}

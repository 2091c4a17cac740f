package org.advmusic.engine.backend.cpu;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Winograd-transformed kernels of recent convolutions, so that a convolution whose weights have not
 * changed since its last call skips the transform: an attack runs the same frozen network forward and
 * backward at every step (PGD-7: fourteen transforms of every kernel per batch, 7% of its time).
 *
 * <p>An entry belongs to one weight array (by identity, held weakly) and one orientation (the kernel as
 * it is, or flipped for an input gradient), and is used only while the weights equal the copy it was
 * made from, compared element by element (a small fraction of the transform's cost), so an update in
 * place such as an optimizer step is always seen: the entry is then transformed again into the same
 * arrays, without allocating. At most {@code capacityFloats} floats are kept; the least recently used
 * entries are dropped. Thread-safe: a caller {@linkplain #take takes} an entry out while it uses it and
 * {@linkplain #give gives} it back, so two threads never share one.
 */
final class KernelTransformCache {

    /** One kernel's transform and the weights it was made from. */
    static final class Entry {
        private final WeakReference<float[]> source;
        private final boolean flipped;
        private final int outChannels;
        private final float[] weights;
        /** False until the first transform. */
        private boolean made;
        /** The transformed kernels, as the convolution lays them out (zeros where it pads). */
        final float[] transformed;

        private Entry(float[] source, boolean flipped, int outChannels, int transformedLength) {
            this.source = new WeakReference<>(source);
            this.flipped = flipped;
            this.outChannels = outChannels;
            this.weights = new float[source.length];
            this.transformed = new float[transformedLength];
        }

        /** Whether {@link #transformed} is the transform of {@code w}'s current values. */
        boolean isTransformOf(float[] w) {
            return made && Arrays.equals(weights, w);
        }

        /** Records that {@link #transformed} now holds the transform of {@code w}'s current values. */
        void madeFrom(float[] w) {
            System.arraycopy(w, 0, weights, 0, w.length);
            made = true;
        }

        private boolean belongsTo(float[] w, boolean flip, int out, int transformedLength) {
            return source.get() == w && flipped == flip && outChannels == out
                    && transformed.length == transformedLength;
        }

        private long floats() {
            return weights.length + (long) transformed.length;
        }
    }

    private final long capacityFloats;
    /** Least recently given back first. */
    private final List<Entry> entries = new ArrayList<>();
    private long keptFloats;

    /** @param capacityFloats upper bound on the floats kept (weights and transforms) */
    KernelTransformCache(long capacityFloats) {
        this.capacityFloats = capacityFloats;
    }

    /** A capacity of an eighth of the maximum heap (GenreCnn needs 50 MB, ResNet18 450 MB). */
    static KernelTransformCache sizedForHeap() {
        return new KernelTransformCache(Runtime.getRuntime().maxMemory() / 8 / Float.BYTES);
    }

    /**
     * The entry of {@code w} in that orientation, taken out of the cache until {@link #give} (a new one
     * when there is none, whose transform the caller must compute: {@link Entry#isTransformOf} says).
     */
    Entry take(float[] w, boolean flipped, int outChannels, int transformedLength) {
        synchronized (this) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry e = entries.get(i);
                if (e.belongsTo(w, flipped, outChannels, transformedLength)) {
                    entries.remove(i);
                    keptFloats -= e.floats();
                    return e;
                }
            }
        }
        return new Entry(w, flipped, outChannels, transformedLength);
    }

    /** Puts {@code entry} back as the most recently used, dropping the least recently used beyond the capacity. */
    synchronized void give(Entry entry) {
        float[] w = entry.source.get();
        entries.removeIf(e -> {
            boolean stale = e.source.get() == null || e.belongsTo(w, entry.flipped, entry.outChannels,
                    entry.transformed.length);
            if (stale) {
                keptFloats -= e.floats();
            }
            return stale;
        });
        if (w == null || entry.floats() > capacityFloats) {
            return;
        }
        entries.add(entry);
        keptFloats += entry.floats();
        while (keptFloats > capacityFloats) {
            keptFloats -= entries.remove(0).floats();
        }
    }

    /** Entries kept (for tests). */
    synchronized int size() {
        return entries.size();
    }
}

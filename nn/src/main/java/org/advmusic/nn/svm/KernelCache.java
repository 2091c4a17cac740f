package org.advmusic.nn.svm;

/**
 * Least-recently-used cache of kernel-matrix columns, as in libsvm: column {@code i} is kept as a
 * prefix {@code [0, length)} of float values (the solver only asks for the active prefix while it
 * shrinks), and old columns are dropped when the memory budget runs out. {@link #swap} follows the
 * solver when it exchanges two positions of the problem.
 */
final class KernelCache {
    /** One cached column; the entries form a circular doubly linked list in LRU order. */
    private static final class Entry {
        Entry previous;
        Entry next;
        float[] data;
        int length;
    }

    private final Entry[] columns;
    private final Entry lruHead = new Entry();
    private long freeFloats;

    /**
     * @param size        the number of columns (and of rows) of the matrix
     * @param budgetBytes memory for cached values; at least two full columns are always allowed
     */
    KernelCache(int size, long budgetBytes) {
        columns = new Entry[size];
        for (int i = 0; i < size; i++) {
            columns[i] = new Entry();
        }
        freeFloats = Math.max(budgetBytes / Float.BYTES, 2L * size);
        lruHead.next = lruHead;
        lruHead.previous = lruHead;
    }

    /**
     * Column {@code index} with room for at least {@code length} values; the caller fills
     * {@code [filledLength(index) before the call, length)}.
     *
     * @return the first position the caller must compute (equal to {@code length} when all is cached)
     */
    int request(int index, int length) {
        Entry entry = columns[index];
        if (entry.length > 0) {
            unlink(entry);
        }
        int start = entry.length;
        int more = length - entry.length;
        if (more > 0) {
            while (freeFloats < more) {
                Entry oldest = lruHead.next;
                unlink(oldest);
                freeFloats += oldest.length;
                oldest.data = null;
                oldest.length = 0;
            }
            float[] grown = new float[length];
            if (entry.data != null) {
                System.arraycopy(entry.data, 0, grown, 0, entry.length);
            }
            entry.data = grown;
            freeFloats -= more;
            entry.length = length;
        } else {
            start = length;
        }
        linkLast(entry);
        return start;
    }

    /** The stored values of column {@code index} (valid after {@link #request}). */
    float[] column(int index) {
        return columns[index].data;
    }

    /** Exchanges positions {@code i} and {@code j}: both the columns and those two rows of every column. */
    void swap(int i, int j) {
        if (i == j) {
            return;
        }
        Entry a = columns[i];
        Entry b = columns[j];
        if (a.length > 0) {
            unlink(a);
        }
        if (b.length > 0) {
            unlink(b);
        }
        float[] data = a.data;
        a.data = b.data;
        b.data = data;
        int length = a.length;
        a.length = b.length;
        b.length = length;
        if (a.length > 0) {
            linkLast(a);
        }
        if (b.length > 0) {
            linkLast(b);
        }
        int low = Math.min(i, j);
        int high = Math.max(i, j);
        for (Entry e = lruHead.next; e != lruHead; ) {
            Entry next = e.next;
            if (e.length > low) {
                if (e.length > high) {
                    float t = e.data[low];
                    e.data[low] = e.data[high];
                    e.data[high] = t;
                } else { // the column covers only one of the two rows: drop it
                    unlink(e);
                    freeFloats += e.length;
                    e.data = null;
                    e.length = 0;
                }
            }
            e = next;
        }
    }

    private void unlink(Entry e) {
        e.previous.next = e.next;
        e.next.previous = e.previous;
    }

    private void linkLast(Entry e) {
        e.next = lruHead;
        e.previous = lruHead.previous;
        e.previous.next = e;
        e.next.previous = e;
    }
}

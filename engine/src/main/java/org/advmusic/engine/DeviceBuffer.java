package org.advmusic.engine;

/**
 * A flat block of elements in one backend's memory (a Java array on the CPU, device memory on a
 * GPU). Buffers are created by a {@link Backend} and owned by at most one {@link MemoryScope}. After
 * {@link #release()} the memory may be reused, and any further use of this buffer object throws an
 * exception that says so.
 */
public abstract class DeviceBuffer {
    private final Backend backend;
    private final int length;
    private volatile boolean released;
    /** The scope that will release this buffer, or null. Guarded by the owning thread. */
    MemoryScope owner;

    /** @param length number of elements, at least 0 */
    protected DeviceBuffer(Backend backend, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("buffer length is " + length + ", expected >= 0");
        }
        this.backend = backend;
        this.length = length;
    }

    /** The backend whose memory this is. */
    public final Backend backend() {
        return backend;
    }

    /** Number of elements. */
    public final int length() {
        return length;
    }

    /** Whether {@link #release()} has been called. */
    public final boolean isReleased() {
        return released;
    }

    /**
     * Returns the memory to the backend (for reuse by later allocations); idempotent. Later use of
     * this buffer throws {@link IllegalStateException}.
     */
    public final void release() {
        if (released) {
            return;
        }
        released = true;
        if (owner != null) {
            owner.forget(this);
            owner = null;
        }
        freeMemory();
    }

    /** Frees or recycles the memory; called once, by {@link #release()}. */
    protected abstract void freeMemory();

    /** Throws when this buffer has been released, naming the operation that tried to use it. */
    protected final void checkLive(String operation) {
        if (released) {
            throw new IllegalStateException(operation + ": the " + backend.name() + " buffer of " + length
                    + " elements was already released (its MemoryScope closed; keep() tensors that must outlive it)");
        }
    }
}

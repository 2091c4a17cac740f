package org.advmusic.engine.backend.cuda;

import java.lang.ref.Cleaner;
import org.advmusic.engine.Backend;
import org.advmusic.engine.DeviceBuffer;

/**
 * A CUDA buffer: a block of device memory from the {@link CachingAllocator} holding float32 elements
 * (or, for row lists, int32). {@link #release()} returns the block to the cache; a buffer that
 * becomes unreachable without being released is returned the same way after garbage collection, so
 * tensors owned by no scope do not leak device memory forever.
 */
final class CudaBuffer extends DeviceBuffer {
    private static final Cleaner CLEANER = Cleaner.create();

    private final CachingAllocator.Block block;
    private final Cleaner.Cleanable cleanable;

    /** Takes a block for {@code length} 4-byte elements from {@code allocator}. */
    CudaBuffer(Backend backend, int length, CachingAllocator allocator) {
        super(backend, length);
        this.block = allocator.allocate((long) length * Float.BYTES);
        this.cleanable = CLEANER.register(this, new Release(allocator, block));
    }

    /** Throws when the buffer was released, naming the operation. */
    void requireLive(String operation) {
        checkLive(operation);
    }

    /** The device address of element {@code offset}; throws when the buffer was released. */
    DeviceAddress at(String operation, int offset) {
        checkLive(operation);
        return new DeviceAddress(block.pointer(), (long) offset * Float.BYTES);
    }

    @Override
    protected void freeMemory() {
        cleanable.clean(); // runs Release once, here or (if never released) after garbage collection
    }

    /** The cleaning action; it must not refer to the buffer, or the buffer would never become unreachable. */
    private record Release(CachingAllocator allocator, CachingAllocator.Block block) implements Runnable {
        @Override
        public void run() {
            allocator.release(block);
        }
    }
}

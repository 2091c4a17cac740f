package org.advmusic.engine.backend.cuda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import jcuda.driver.CUdeviceptr;

/**
 * Device memory with a cache of freed blocks: a request is rounded up to a multiple of the
 * runtime's {@linkplain DeviceRuntime#allocationGranule() granule} (512 bytes on a GPU), served from
 * a cached block of exactly that size when there is one, and only otherwise allocated from the
 * driver. Released blocks go back to the cache, not to the driver (cudaMalloc and cudaFree are slow
 * and synchronise the device). When the driver runs out of memory, the cache is emptied and the
 * allocation retried once.
 *
 * <p>Reusing a block right after its release is safe because all work is ordered on one stream:
 * the kernels that still read the old contents run before any kernel that writes the new ones.
 *
 * <p>Threads: the cache is only touched on threads where the device's context is current. A block
 * released on another thread (a finaliser, or a scope closed on a thread that never used the device)
 * is queued and returned to the cache by the next thread that enters the backend.
 */
final class CachingAllocator {
    /** The usual allocation granularity in bytes. */
    static final long DEFAULT_GRANULE_BYTES = 512;

    /** A block of device memory and its rounded size. */
    record Block(CUdeviceptr pointer, long bytes) {
    }

    private final DeviceRuntime runtime;
    private final long granule;
    private final Map<Long, ArrayDeque<CUdeviceptr>> cache = new HashMap<>(); // guarded by this
    private final Queue<Block> pendingReleases = new ConcurrentLinkedQueue<>();
    private final AtomicLong liveBlocks = new AtomicLong();
    private long cachedBytes; // guarded by this
    private long driverBytes; // guarded by this: obtained from the driver and not yet freed

    CachingAllocator(DeviceRuntime runtime) {
        this.runtime = runtime;
        this.granule = runtime.allocationGranule();
    }

    /** {@code bytes} rounded up to a whole number of granules, at least one (also for empty buffers). */
    long roundedSize(long bytes) {
        return Math.max(1, (bytes + granule - 1) / granule) * granule;
    }

    /**
     * A block of at least {@code bytes} bytes; call on a thread where the context is current.
     *
     * @throws OutOfDeviceMemoryException when even an empty cache leaves the device without room
     */
    synchronized Block allocate(long bytes) {
        long size = roundedSize(bytes);
        ArrayDeque<CUdeviceptr> free = cache.get(size);
        CUdeviceptr pointer;
        if (free != null && !free.isEmpty()) {
            pointer = free.pop();
            cachedBytes -= size;
        } else {
            pointer = allocateFromDriver(size);
        }
        liveBlocks.incrementAndGet();
        return new Block(pointer, size);
    }

    private CUdeviceptr allocateFromDriver(long size) {
        CUdeviceptr pointer;
        try {
            pointer = runtime.allocate(size);
        } catch (OutOfDeviceMemoryException full) {
            long released = cachedBytes;
            emptyCache();
            try {
                pointer = runtime.allocate(size);
            } catch (OutOfDeviceMemoryException stillFull) {
                throw new OutOfDeviceMemoryException("cuda: out of device memory allocating " + size + " bytes ("
                        + (driverBytes - cachedBytes) + " bytes in live buffers; " + released
                        + " cached bytes were freed first; " + runtime.memoryUsage() + "). Use smaller batches,"
                        + " or release tensors sooner (MemoryScope)");
            }
        }
        driverBytes += size;
        return pointer;
    }

    /**
     * Gives a block back: to the cache when the context is current on this thread, else to the queue
     * of pending releases. Callable from any thread; each block at most once.
     */
    void release(Block block) {
        liveBlocks.decrementAndGet();
        if (runtime.isCurrentOnThisThread()) {
            returnToCache(block);
        } else {
            pendingReleases.add(block);
        }
    }

    /** Moves the blocks released on other threads into the cache; call on a thread where the context is current. */
    void processPendingReleases() {
        Block block;
        while ((block = pendingReleases.poll()) != null) {
            returnToCache(block);
        }
    }

    private synchronized void returnToCache(Block block) {
        cache.computeIfAbsent(block.bytes(), size -> new ArrayDeque<>()).push(block.pointer());
        cachedBytes += block.bytes();
    }

    /** Frees every cached block to the driver; call on a thread where the context is current. */
    synchronized void emptyCache() {
        processPendingReleases();
        List<Long> sizes = new ArrayList<>(cache.keySet());
        for (long size : sizes) {
            for (CUdeviceptr pointer : cache.remove(size)) {
                runtime.free(pointer);
                driverBytes -= size;
            }
        }
        cachedBytes = 0;
    }

    /** Blocks handed out and not yet released. */
    long liveBlocks() {
        return liveBlocks.get();
    }

    /** Bytes held in the cache for reuse. */
    synchronized long cachedBytes() {
        return cachedBytes;
    }
}

package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/** The caching allocator's bookkeeping, on a pretend device with a fixed capacity (no GPU needed). */
class CachingAllocatorTest {

    /** Device memory only: blocks are plain objects, and allocation fails beyond {@code capacity} bytes. */
    private static final class PretendMemory implements DeviceRuntime {
        final long capacity;
        final Map<CUdeviceptr, Long> blocks = new IdentityHashMap<>();
        final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);
        int driverAllocations;
        int driverFrees;

        PretendMemory(long capacity) {
            this.capacity = capacity;
        }

        long used() {
            return blocks.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public CUdeviceptr allocate(long bytes) {
            if (used() + bytes > capacity) {
                throw new OutOfDeviceMemoryException("pretend device full");
            }
            CUdeviceptr p = new CUdeviceptr();
            blocks.put(p, bytes);
            driverAllocations++;
            return p;
        }

        @Override
        public void free(CUdeviceptr block) {
            if (blocks.remove(block) == null) {
                throw new AssertionError("freed a block twice or one that was never allocated");
            }
            driverFrees++;
        }

        @Override
        public String memoryUsage() {
            return used() + " of " + capacity + " bytes used";
        }

        @Override
        public void makeCurrent() {
            current.set(true);
        }

        @Override
        public boolean isCurrentOnThisThread() {
            return current.get();
        }

        @Override
        public String description() {
            return "pretend device";
        }

        @Override
        public void upload(float[] source, DeviceAddress target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void upload(int[] source, DeviceAddress target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void download(DeviceAddress source, float[] target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void copy(DeviceAddress source, DeviceAddress target, long bytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void fill(DeviceAddress target, long count, int bits) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void launch(Kernel kernel, LaunchShape shape, KernelArguments arguments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void synchronize() {
        }

        @Override
        public Optional<GemmEngine> cublas() {
            return Optional.empty();
        }
    }

    @Test
    void sizesAreRoundedToGranules() {
        CachingAllocator allocator = new CachingAllocator(new PretendMemory(0));
        long granule = CachingAllocator.DEFAULT_GRANULE_BYTES;
        assertEquals(granule, allocator.roundedSize(0));
        assertEquals(granule, allocator.roundedSize(1));
        assertEquals(granule, allocator.roundedSize(granule));
        assertEquals(2 * granule, allocator.roundedSize(granule + 1));
    }

    @Test
    void aReleasedBlockIsReusedForTheSameRoundedSize() {
        PretendMemory device = new PretendMemory(1 << 20);
        device.makeCurrent();
        CachingAllocator allocator = new CachingAllocator(device);
        CachingAllocator.Block first = allocator.allocate(1000);
        assertEquals(1, allocator.liveBlocks());
        allocator.release(first);
        assertEquals(0, allocator.liveBlocks());
        assertEquals(1024, allocator.cachedBytes());

        CachingAllocator.Block again = allocator.allocate(900); // rounds to the same 1024 bytes
        assertSame(first.pointer(), again.pointer());
        CachingAllocator.Block other = allocator.allocate(100);
        assertNotSame(first.pointer(), other.pointer());
        assertEquals(2, device.driverAllocations);
        assertEquals(0, device.driverFrees);
    }

    @Test
    void runningOutOfMemoryEmptiesTheCacheAndRetries() {
        PretendMemory device = new PretendMemory(4096);
        device.makeCurrent();
        CachingAllocator allocator = new CachingAllocator(device);
        allocator.release(allocator.allocate(2048));
        allocator.release(allocator.allocate(1024));
        CachingAllocator.Block big = allocator.allocate(4096); // only fits once the cached 3072 bytes are freed
        assertEquals(4096, big.bytes());
        assertEquals(2, device.driverFrees);
        assertEquals(0, allocator.cachedBytes());

        OutOfDeviceMemoryException e = assertThrows(OutOfDeviceMemoryException.class, () -> allocator.allocate(512));
        assertTrue(e.getMessage().contains("4096 bytes in live buffers"), e.getMessage());
    }

    @Test
    void releasesFromAThreadWithoutTheContextWaitForTheNextCall() throws Exception {
        PretendMemory device = new PretendMemory(1 << 20);
        device.makeCurrent();
        CachingAllocator allocator = new CachingAllocator(device);
        List<CachingAllocator.Block> blocks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            blocks.add(allocator.allocate(512));
        }
        Thread other = new Thread(() -> blocks.forEach(allocator::release)); // this thread never made the context current
        other.start();
        other.join();
        assertEquals(0, allocator.liveBlocks(), "released from the caller's point of view");
        assertEquals(0, allocator.cachedBytes(), "but not yet back in the cache");

        allocator.processPendingReleases(); // what the backend does on entry to each primitive
        assertEquals(3 * 512, allocator.cachedBytes());
        allocator.emptyCache();
        assertEquals(3, device.driverFrees);
        assertTrue(device.blocks.isEmpty());
    }
}

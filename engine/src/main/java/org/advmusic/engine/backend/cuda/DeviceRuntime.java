package org.advmusic.engine.backend.cuda;

import java.util.Optional;
import jcuda.driver.CUdeviceptr;

/**
 * The device operations {@link CudaBackend} is built on: memory, copies, kernel launches and
 * synchronisation on one device, all ordered on one stream (so memory returned to the cache can be
 * reused by the next launch without waiting). {@link JCudaRuntime} implements them with the JCuda
 * driver API; tests may substitute another implementation.
 */
interface DeviceRuntime {

    /** The device, e.g. {@code "NVIDIA H100 (device 0, compute capability 9.0, driver for CUDA 12.4)"}. */
    String description();

    /** Makes the device's context current on the calling thread (cheap when it already is). */
    void makeCurrent();

    /** Whether {@link #makeCurrent()} has run on the calling thread. */
    boolean isCurrentOnThisThread();

    /**
     * A new block of at least {@code bytes} bytes.
     *
     * @throws OutOfDeviceMemoryException when the device has no room for it
     */
    CUdeviceptr allocate(long bytes);

    /**
     * The multiple to which the caching allocator rounds block sizes: a few sizes reused often suit
     * a GPU; an emulator may ask for exact sizes (4) so that its sanitizer sees any overrun.
     */
    default long allocationGranule() {
        return CachingAllocator.DEFAULT_GRANULE_BYTES;
    }

    /** Returns a block from {@link #allocate} to the driver. */
    void free(CUdeviceptr block);

    /** Free and total device memory, for error messages. */
    String memoryUsage();

    /** Copies {@code source} to the device at {@code target}. */
    void upload(float[] source, DeviceAddress target);

    /** Copies {@code source} to the device at {@code target}. */
    void upload(int[] source, DeviceAddress target);

    /** Copies {@code target.length} floats from the device at {@code source}, after all queued work. */
    void download(DeviceAddress source, float[] target);

    /** Copies {@code bytes} bytes between two non-overlapping device ranges. */
    void copy(DeviceAddress source, DeviceAddress target, long bytes);

    /** Sets {@code count} 32-bit words at {@code target} to {@code bits}. */
    void fill(DeviceAddress target, long count, int bits);

    /** Queues a kernel; its arguments must match the kernel's parameters in number and type. */
    void launch(Kernel kernel, LaunchShape shape, KernelArguments arguments);

    /** Waits for all queued work. */
    void synchronize();

    /** cuBLAS where it loaded, else empty (the kernel GEMM is used then). */
    Optional<GemmEngine> cublas();

    /** Why {@link #cublas()} is empty, e.g. which library failed to load; null when it is not. */
    default String cublasProblem() {
        return cublas().isPresent() ? null : "this runtime has no cuBLAS";
    }
}

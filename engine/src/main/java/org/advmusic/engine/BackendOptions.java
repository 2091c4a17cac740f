package org.advmusic.engine;

import java.util.List;
import java.util.Locale;

/**
 * How a backend is set up, as a value passed to {@link Backends#get(String, BackendOptions)}: nothing
 * is read from system properties or the environment after start-up ({@link EngineEnvironment} reads
 * them once, in one place). Backends ignore the settings that do not concern them.
 *
 * @param threads          CPU threads that run the cpu backend's loops, the caller included; 0 means one per
 *                         available processor
 * @param cpuGemm          the cpu backend's matrix-product kernel: {@code auto} (the Vector API kernel when the
 *                         {@code jdk.incubator.vector} module is enabled, else the plain one), {@code vector} or
 *                         {@code plain}
 * @param winograd         whether the cpu backend runs stride-1 3x3 convolutions by Winograd's F(4x4, 3x3)
 *                         (needs the Vector API)
 * @param cudaDevice       which GPU the cuda backend opens (0, 1, ...)
 * @param cudaGemm         the cuda backend's matrix product: {@code auto} (cuBLAS where it loads, else the
 *                         project's kernel), {@code cublas} or {@code kernel}
 * @param cudaSynchronous  whether the cuda backend waits after every kernel (to find a failing one)
 */
public record BackendOptions(int threads, String cpuGemm, boolean winograd, int cudaDevice, String cudaGemm,
                             boolean cudaSynchronous) {
    /** The accepted values of {@link #cpuGemm}. */
    public static final List<String> CPU_GEMM_KERNELS = List.of("auto", "vector", "plain");
    /** The accepted values of {@link #cudaGemm}. */
    public static final List<String> CUDA_GEMM_KERNELS = List.of("auto", "cublas", "kernel");

    /** Validates every field; the kernel names are normalised to lower case. */
    public BackendOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("backend options: threads is " + threads
                    + ", expected a whole number >= 1, or 0 for one per processor");
        }
        cpuGemm = oneOf("cpu GEMM kernel", cpuGemm, CPU_GEMM_KERNELS);
        cudaGemm = oneOf("cuda GEMM", cudaGemm, CUDA_GEMM_KERNELS);
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("backend options: cuda device is " + cudaDevice + ", expected >= 0");
        }
    }

    /** All processors, the best kernels, GPU 0, asynchronous launches. */
    public static BackendOptions defaults() {
        return new BackendOptions(0, "auto", true, 0, "auto", false);
    }

    /** These options with {@code threads} CPU threads (0: one per processor). */
    public BackendOptions withThreads(int threads) {
        return new BackendOptions(threads, cpuGemm, winograd, cudaDevice, cudaGemm, cudaSynchronous);
    }

    /** These options with the cpu backend's GEMM kernel {@code auto}, {@code vector} or {@code plain}. */
    public BackendOptions withCpuGemm(String kernel) {
        return new BackendOptions(threads, kernel, winograd, cudaDevice, cudaGemm, cudaSynchronous);
    }

    /** These options with Winograd convolutions on or off. */
    public BackendOptions withWinograd(boolean on) {
        return new BackendOptions(threads, cpuGemm, on, cudaDevice, cudaGemm, cudaSynchronous);
    }

    /** These options with the cuda backend's matrix product {@code auto}, {@code cublas} or {@code kernel}. */
    public BackendOptions withCudaGemm(String gemm) {
        return new BackendOptions(threads, cpuGemm, winograd, cudaDevice, gemm, cudaSynchronous);
    }

    /** The thread count to use: {@link #threads}, or the number of available processors when it is 0. */
    public int resolvedThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    private static String oneOf(String what, String value, List<String> allowed) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("backend options: " + what + " is '" + value + "', expected one of "
                    + String.join(", ", allowed));
        }
        return v;
    }
}

package org.advmusic.engine.backend.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongToDoubleFunction;

/**
 * Fixed reference loops that measure the machine, not the code: the float32 FMA peak (GFLOP/s), the
 * memory bandwidth (GB/s, a streaming {@code a[i] = b[i] + s c[i]} over arrays far larger than the
 * caches) and the same triad's bandwidth in the shared last-level cache and in a core's own L2, each on a
 * given number of threads.
 * Benchmarks run them right before and after each timed run:
 * when a figure and its control drop together the machine was slow; when the figure drops alone, the
 * code was. The FMA loop runs on the Vector API when its module is present, else as scalar
 * {@link Math#fma} chains (then {@link #fmaOnVectors()} is false and the figure is not a peak).
 */
public final class ControlLoops {
    /** Float elements per bandwidth array: 3 arrays of 32 MiB each. */
    private static final int STREAM_ELEMENTS = 8 << 20;
    private static final long FMA_ITERATIONS = 2_000_000;
    /** Float elements per shared-cache array: 3 arrays of 1 MiB per thread, beyond a core's L2, inside L3. */
    private static final int SHARED_CACHE_ELEMENTS = 1 << 18;
    /** Float elements per core-cache array: 3 arrays of 128 KiB per thread, beyond L1, inside a core's L2. */
    private static final int CORE_CACHE_ELEMENTS = 1 << 15;
    /** Passes over the shared-cache arrays per timed call (about 100 MB moved per thread). */
    private static final int SHARED_CACHE_PASSES = 32;
    /** Passes over the core-cache arrays per timed call (about 100 MB moved per thread). */
    private static final int CORE_CACHE_PASSES = 256;

    private final int threads;
    private final FmaLoop fmaLoop;
    private final boolean onVectors;
    private final float[][][] streams;
    private final float[][][] sharedCached;
    private final float[][][] coreCached;
    /** Keeps the warm-up's result alive. */
    private final double warmUpSink;

    /** {@code iterations} rounds of independent FMA chains, returning a sum of them. */
    interface FmaLoop extends LongToDoubleFunction {
        /** Floating-point operations per round. */
        long flopsPerIteration();
    }

    /** Loops on {@code threads} threads, each with its own arrays (allocated here, 96 MiB per thread). */
    public ControlLoops(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("control loops: " + threads + " threads, expected >= 1");
        }
        this.threads = threads;
        onVectors = GemmKernels.vectorModulePresent();
        fmaLoop = onVectors ? vectorLoop() : new FmaLoop() {
            @Override
            public double applyAsDouble(long iterations) {
                return scalarFma(iterations);
            }

            @Override
            public long flopsPerIteration() {
                return 2 * 12;
            }
        };
        // many short calls, so that C2 compiles the loop before the first measurement: one long first call
        // ran for tens of seconds in the Vector API's Java fallback (seen in JFR recordings of bench forks)
        double sink = 0;
        for (int i = 0; i < 500; i++) {
            sink += fmaLoop.applyAsDouble(2000);
        }
        warmUpSink = sink;
        streams = filled(threads, STREAM_ELEMENTS);
        sharedCached = filled(threads, SHARED_CACHE_ELEMENTS);
        coreCached = filled(threads, CORE_CACHE_ELEMENTS);
    }

    /** Per thread, three arrays {@code a, b = 1, c = 2} of {@code elements} floats. */
    private static float[][][] filled(int threads, int elements) {
        float[][][] arrays = new float[threads][3][elements];
        for (float[][] s : arrays) {
            Arrays.fill(s[1], 1f);
            Arrays.fill(s[2], 2f);
        }
        return arrays;
    }

    /**
     * One number for the machine's speed from the two loops' readings: their geometric mean,
     * {@code sqrt(fmaGflops * memoryGigabytesPerSecond)}. A network's figures depend on both: GEMM micro-kernels
     * on the FMA units, the Winograd transforms, im2col, batch norm and the element-wise passes on memory. On the
     * 2-vCPU VM of issue 21 the FMA loop stayed within a few percent while the memory loop moved between about
     * 46 and 66 GB/s from minute to minute, and GenreCnn's forward pass followed it (about 150 against 195
     * samples/s at the same FMA reading): the FMA loop alone could not tell that slower machine from slower code.
     */
    public static double speed(double fmaGflops, double memoryGigabytesPerSecond) {
        return Math.sqrt(fmaGflops * memoryGigabytesPerSecond);
    }

    /** Whether the FMA loop runs on the Vector API (else on scalar FMAs). */
    public boolean fmaOnVectors() {
        return onVectors;
    }

    /** The FMA throughput of all threads together, GFLOP/s, over about {@code seconds}. */
    public double fmaGflops(double seconds) {
        double perCall = timeAll(() -> fmaLoop.applyAsDouble(FMA_ITERATIONS), seconds);
        return threads * FMA_ITERATIONS * fmaLoop.flopsPerIteration() / perCall / 1e9;
    }

    /** The streaming bandwidth of all threads together, GB/s (3 floats moved per element), over about {@code seconds}. */
    public double memoryGigabytesPerSecond(double seconds) {
        return bandwidth(streams, 1, seconds);
    }

    /**
     * The bandwidth of the shared last-level cache, GB/s: the same triad over arrays of 3 MiB per thread (beyond a
     * core's L2, inside L3), {@value #SHARED_CACHE_PASSES} passes per call. On a VM the L3 is shared with other
     * tenants; the network's layers, whose working sets live there, slow down when it is contended, while the DRAM
     * stream and the FMA loop may not.
     */
    public double sharedCacheGigabytesPerSecond(double seconds) {
        return bandwidth(sharedCached, SHARED_CACHE_PASSES, seconds);
    }

    /**
     * The bandwidth of a core's own cache, GB/s: the same triad over arrays of 384 KiB per thread (beyond L1,
     * inside L2), {@value #CORE_CACHE_PASSES} passes per call. A vCPU may be one hardware thread of a core whose
     * other thread runs another tenant: its use of the core's L1 and L2 slows the GEMM and Winograd tiles kept
     * there, which none of the other loops sees.
     */
    public double coreCacheGigabytesPerSecond(double seconds) {
        return bandwidth(coreCached, CORE_CACHE_PASSES, seconds);
    }

    /** Triad bandwidth of all threads together over their own {@code arrays}, {@code passes} per timed call. */
    private double bandwidth(float[][][] arrays, int passes, double seconds) {
        int[] next = {0};
        double perCall = timeAll(() -> {
            float[][] s;
            synchronized (next) {
                s = arrays[next[0]++ % threads];
            }
            for (int p = 0; p < passes; p++) {
                triad(s[0], s[1], s[2]);
            }
            return (double) s[0][s[0].length - 1];
        }, seconds);
        return threads * passes * 3.0 * 4 * arrays[0][0].length / perCall / 1e9;
    }

    /** Seconds per call when every thread runs {@code work} repeatedly for about {@code seconds}: the median round. */
    private double timeAll(Callable<Double> work, double seconds) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "advmusic-control");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Double> rounds = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            double sink = 0;
            while (rounds.size() < 3 || System.nanoTime() < end && rounds.size() < 200) {
                List<Future<Double>> futures = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(work));
                }
                for (Future<Double> f : futures) {
                    sink += f.get();
                }
                rounds.add((System.nanoTime() - start) / 1e9);
            }
            if (sink == 42.4242) {
                System.out.print(""); // keeps the results alive
            }
            rounds.sort(null);
            return rounds.get(rounds.size() / 2);
        } catch (Exception e) {
            throw new IllegalStateException("control loop failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void triad(float[] a, float[] b, float[] c) {
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + 0.5f * c[i];
        }
    }

    private static double scalarFma(long iterations) {
        float[] c = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f, 1.1f, 1.2f};
        float c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5];
        float c6 = c[6], c7 = c[7], c8 = c[8], c9 = c[9], c10 = c[10], c11 = c[11];
        for (long i = 0; i < iterations; i++) {
            c0 = Math.fma(c0, 0.999999f, 1e-7f);
            c1 = Math.fma(c1, 0.999999f, 1e-7f);
            c2 = Math.fma(c2, 0.999999f, 1e-7f);
            c3 = Math.fma(c3, 0.999999f, 1e-7f);
            c4 = Math.fma(c4, 0.999999f, 1e-7f);
            c5 = Math.fma(c5, 0.999999f, 1e-7f);
            c6 = Math.fma(c6, 0.999999f, 1e-7f);
            c7 = Math.fma(c7, 0.999999f, 1e-7f);
            c8 = Math.fma(c8, 0.999999f, 1e-7f);
            c9 = Math.fma(c9, 0.999999f, 1e-7f);
            c10 = Math.fma(c10, 0.999999f, 1e-7f);
            c11 = Math.fma(c11, 0.999999f, 1e-7f);
        }
        return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
    }

    private static FmaLoop vectorLoop() {
        try {
            return (FmaLoop) Class.forName(ControlLoops.class.getPackageName() + ".VectorFmaLoop")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the Vector API FMA loop", e);
        }
    }
}

package org.advmusic.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.advmusic.engine.backend.cpu.CpuBackend;

/**
 * A quick version of the GEMM, convolution and FMA-peak benchmarks (seconds instead of JMH's
 * minutes) that prints one table: GFLOP/s of the fast kernel and of EJML on 1 and 2 threads, the
 * fast kernel's 2-thread figure as a fraction of the measured 2-thread FMA peak, and its ratio to
 * EJML; then the Convolution operation's forward and backward times. Run with
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.advmusic.bench.GemmReport}.
 */
public final class GemmReport {
    private static final double SECONDS_PER_CASE = 1.0;

    private GemmReport() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        CpuBackend one = new CpuBackend(1);
        CpuBackend two = new CpuBackend(2);
        System.out.printf("advmusic GEMM report: %s, %d processors, load average %.2f at the start%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("fast kernel: " + two.gemmKernelName());
        double peakOne = Double.NaN;
        double peakTwo = Double.NaN;
        if (vector) {
            peakOne = fmaPeak(1);
            peakTwo = fmaPeak(2);
            System.out.printf("measured FMA peak (%d-bit vectors): %.1f GFLOP/s on 1 thread, %.1f on 2%n%n",
                    FmaPeak.vectorBits(), peakOne, peakTwo);
        } else {
            System.out.println("the Vector API module is not enabled: no FMA peak; GEMM runs on the fallback kernel");
            System.out.println();
        }
        System.out.printf("%-16s %9s %9s %9s %9s %11s %9s %9s%n", "GEMM M x K x N", "fast 1t", "fast 2t",
                "2t/peak", "EJML 1t", "EJML-MT 2t", "vs EJML", "vs EJML");
        System.out.printf("%-16s %9s %9s %9s %9s %11s %9s %9s%n", "", "GFLOP/s", "GFLOP/s", "", "GFLOP/s", "GFLOP/s",
                "1t", "2t");
        for (GemmShape shape : GemmShape.STANDARD) {
            double fastOne = gflops(shape, GemmWorkload.Implementation.FAST, 1, one);
            double fastTwo = gflops(shape, GemmWorkload.Implementation.FAST, 2, two);
            double ejmlOne = gflops(shape, GemmWorkload.Implementation.EJML, 1, one);
            double ejmlTwo = gflops(shape, GemmWorkload.Implementation.EJML, 2, two);
            System.out.printf("%-16s %9.1f %9.1f %8.0f%% %9.1f %11.1f %8.1fx %8.1fx%n", shape, fastOne, fastTwo,
                    100 * fastTwo / peakTwo, ejmlOne, ejmlTwo, fastOne / ejmlOne, fastTwo / ejmlTwo);
        }
        System.out.printf("%nConv2d 3x3 pad 1, batch %d     forward ms (GFLOP/s)       backward ms (GFLOP/s)%n",
                ConvWorkload.BATCH);
        System.out.printf("%-22s %16s %16s %16s %16s%n", "C x H x W -> K", "1 thread", "2 threads", "1 thread",
                "2 threads");
        for (ConvWorkload.Layer layer : ConvWorkload.Layer.STANDARD) {
            List<String> cells = new ArrayList<>();
            List<String> backward = new ArrayList<>();
            for (CpuBackend cpu : new CpuBackend[] {one, two}) {
                ConvWorkload work = new ConvWorkload(layer, cpu);
                double forward = Timing.bestSeconds(work::forward, SECONDS_PER_CASE);
                double both = Timing.bestSeconds(work::forwardAndBackward, SECONDS_PER_CASE);
                cells.add(cell(forward, layer.forwardFlops()));
                backward.add(cell(both - forward, 2 * layer.forwardFlops()));
            }
            System.out.printf("%-22s %16s %16s %16s %16s%n", layer, cells.get(0), cells.get(1), backward.get(0),
                    backward.get(1));
        }
        System.out.printf("%nload average %.2f at the end (above ~0.5 means other work shared the cores)%n",
                loadAverage());
    }

    private static String cell(double seconds, double flops) {
        return String.format("%.1f (%.1f)", seconds * 1e3, flops / seconds / 1e9);
    }

    private static double gflops(GemmShape shape, GemmWorkload.Implementation implementation, int threads,
                                 CpuBackend cpu) {
        GemmWorkload work = new GemmWorkload(shape, implementation, threads, cpu);
        return shape.flops() / Timing.bestSeconds(work::run, SECONDS_PER_CASE) / 1e9;
    }

    /** GFLOP/s of {@link FmaPeak} run on {@code threads} threads at once, best of five. */
    private static double fmaPeak(int threads) throws InterruptedException {
        long iterations = 100_000_000L;
        FmaPeak.run(1_000_000); // compile the loop before timing it
        double best = 0;
        for (int round = 0; round < 5; round++) {
            Thread[] workers = new Thread[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers[t] = new Thread(() -> FmaPeak.run(iterations));
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, threads * iterations * FmaPeak.flopsPerIteration() / seconds / 1e9);
        }
        return best;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

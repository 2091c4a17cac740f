package org.advmusic.bench.svm;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advmusic.nn.svm.RandomizedSearch;
import org.advmusic.nn.svm.SearchSpace;

/**
 * Wall time of the seed study's whole randomized search (100 candidates, C ~ U(0.1, 20.1), gamma in
 * {0.1, 1, 10, 100}, 5 stratified folds, refit) on the synthetic IRMAS-sized set of
 * {@link SvcFitComparison}, on the given number of threads (default 2). Target: at most 15 minutes
 * on 2 cores. Prints the wall time and the process's CPU time; with fewer candidates (a reduced run on
 * a busy machine) also the full search extrapolated from the CPU time per fit, as if the threads had
 * the cores to themselves.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.advmusic.bench.svm.SvcSearchTiming [threads] [candidates]
 * </pre>
 */
public final class SvcSearchTiming {
    private SvcSearchTiming() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int candidates = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        double[][] x = new double[SvcFitComparison.SAMPLES][];
        int[] y = new int[SvcFitComparison.SAMPLES];
        SvcFitComparison.synthetic(x, y, 4L);
        System.out.printf("randomized search: %d candidates x 5 folds on %d x %d, %d threads; load before: %s%n",
                candidates, x.length, x[0].length, threads, Files.readString(Path.of("/proc/loadavg")).trim());
        double cpuStart = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        long start = System.nanoTime();
        long[] last = {start};
        RandomizedSearch.Result result = RandomizedSearch.run(x, y, SearchSpace.seedStudy(), candidates, 5, 42L, threads,
                Integer::toString, done -> {
                    long now = System.nanoTime();
                    if (now - last[0] > 30e9) {
                        last[0] = now;
                        System.out.printf("  %d fits after %.0f s%n", done, (now - start) / 1e9);
                    }
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9 - cpuStart;
        int fits = candidates * 5 + 1;
        System.out.printf("CPU time %.1f s for %d fits (refit included): %.2f s per fit%n", cpuSeconds, fits,
                cpuSeconds / fits);
        if (candidates < 100) {
            System.out.printf("extrapolated to 100 candidates x 5 folds on %d idle cores: %.1f min%n", threads,
                    cpuSeconds / fits * 501 / threads / 60);
        }
        System.out.printf("search done in %.1f s (%.1f min); best C %.3f gamma %.1f, mean CV accuracy %.4f; load after: %s%n",
                seconds, seconds / 60, result.best().parameters().c(), result.best().parameters().gamma(),
                result.best().mean(), Files.readString(Path.of("/proc/loadavg")).trim());
    }
}

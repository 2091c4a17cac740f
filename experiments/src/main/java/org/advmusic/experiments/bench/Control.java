package org.advmusic.experiments.bench;

import java.util.List;

/**
 * The machine's control figures at one moment, on the benchmark's threads
 * ({@link org.advmusic.engine.backend.cpu.ControlLoops}): the FMA throughput (GFLOP/s), and the bandwidth (GB/s)
 * of the same triad streaming from DRAM, in the shared last-level cache (L3) and in a core's own cache (L2).
 */
public record Control(double fmaGflops, double memoryGigabytesPerSecond, double sharedCacheGigabytesPerSecond,
                      double coreCacheGigabytesPerSecond) {

    /** The loops' names, in the order of {@link #loops}. */
    public static final String[] LOOP_NAMES = {"FMA", "memory", "L3", "L2"};

    /** The readings in the order of {@link #LOOP_NAMES}. */
    public double[] loops() {
        return new double[] {fmaGflops, memoryGigabytesPerSecond, sharedCacheGigabytesPerSecond,
                coreCacheGigabytesPerSecond};
    }

    /** A control from readings in the order of {@link #LOOP_NAMES}. */
    public static Control of(double[] loops) {
        return new Control(loops[0], loops[1], loops[2], loops[3]);
    }

    /** The machine between two readings: the geometric mean of each loop's two readings. */
    public static Control between(Control before, Control after) {
        double[] a = before.loops();
        double[] b = after.loops();
        double[] mean = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            mean[k] = Math.sqrt(a[k] * b[k]);
        }
        return of(mean);
    }

    /** Each loop's median over {@code readings}. */
    public static Control median(List<Control> readings) {
        double[] median = new double[LOOP_NAMES.length];
        for (int k = 0; k < median.length; k++) {
            int loop = k;
            median[k] = BenchRun.median(readings.stream().mapToDouble(c -> c.loops()[loop]).toArray());
        }
        return of(median);
    }
}

package org.advmusic.experiments.bench;

/**
 * The machine's control figures at one moment: the FMA throughput (GFLOP/s) and the streaming memory
 * bandwidth (GB/s) on the benchmark's threads.
 */
public record Control(double fmaGflops, double memoryGigabytesPerSecond) {
    /** The mean of two controls (before and after a figure). */
    static Control mean(Control a, Control b) {
        return new Control((a.fmaGflops + b.fmaGflops) / 2, (a.memoryGigabytesPerSecond + b.memoryGigabytesPerSecond) / 2);
    }
}

package org.advmusic.experiments.bench;

/**
 * The machine's control figures at one moment: the FMA throughput (GFLOP/s) and the streaming memory
 * bandwidth (GB/s) on the benchmark's threads.
 */
public record Control(double fmaGflops, double memoryGigabytesPerSecond) {
}

package org.advmusic.experiments.bench;

import org.advmusic.engine.backend.cpu.ControlLoops;

/**
 * The machine's control figures at one moment: the FMA throughput (GFLOP/s) and the streaming memory
 * bandwidth (GB/s) on the benchmark's threads.
 */
public record Control(double fmaGflops, double memoryGigabytesPerSecond) {

    /** The machine's speed from both readings, {@link ControlLoops#speed}: sqrt(FMA x memory). */
    public double speed() {
        return ControlLoops.speed(fmaGflops, memoryGigabytesPerSecond);
    }
}

package org.advmusic.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The measured float32 FMA peak ({@link FmaPeak}) on 1 and 2 threads: time of one call of
 * {@value #ITERATIONS} iterations per thread; GFLOP/s per thread = {@code ITERATIONS * 24 * lanes / time}
 * (lanes = 8 for 256-bit vectors), which {@link GemmReport} prints directly.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeakBenchmark {
    /** Iterations of the twelve-chain FMA loop per call. */
    public static final long ITERATIONS = 1_000_000;

    @Benchmark
    @Threads(1)
    public float oneThread() {
        return FmaPeak.run(ITERATIONS);
    }

    @Benchmark
    @Threads(2)
    public float twoThreads() {
        return FmaPeak.run(ITERATIONS);
    }
}

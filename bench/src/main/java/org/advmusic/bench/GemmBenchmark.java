package org.advmusic.bench;

import java.util.concurrent.TimeUnit;
import org.advmusic.engine.backend.cpu.CpuBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float32 GEMM, time per product: the CPU backend's fast kernel against EJML, on 1 and 2 threads, at
 * the shapes of {@link GemmShape#STANDARD} (M x K x N). GFLOP/s = {@code 2 M N K / time}; the
 * {@link GemmReport} main prints that, as a fraction of the measured FMA peak and as a ratio to EJML.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"1024x1024x1024", "32x288x16640", "64x576x4160", "128x1152x1040", "256x2304x260", "64x16384x512"})
    public String shape;

    @Param({"FAST", "EJML"})
    public GemmWorkload.Implementation implementation;

    @Param({"1", "2"})
    public int threads;

    private GemmWorkload workload;

    @Setup
    public void setUp() {
        workload = new GemmWorkload(GemmShape.parse(shape), implementation, threads, new CpuBackend(threads));
    }

    @Benchmark
    public void multiply() {
        workload.run();
    }
}

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
 * A 3x3 convolution (padding 1, with bias) on a batch of 64 through the Convolution operation on the CPU
 * backend, 1 and 2 threads: the forward pass, and the forward pass plus all three gradients.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {
    @Param({"1x128x130->32", "32x64x65->32"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    private ConvWorkload workload;

    @Setup
    public void setUp() {
        workload = new ConvWorkload(ConvWorkload.Layer.parse(layer), new CpuBackend(threads));
    }

    @Benchmark
    public void forward() {
        workload.forward();
    }

    @Benchmark
    public void forwardAndBackward() {
        workload.forwardAndBackward();
    }
}

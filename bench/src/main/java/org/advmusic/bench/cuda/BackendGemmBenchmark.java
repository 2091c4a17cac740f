package org.advmusic.bench.cuda;

import java.util.concurrent.TimeUnit;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One float32 GEMM {@code C (M x N) = A (M x K) B (K x N)} through {@link Backend#gemm}, by backend
 * name, waiting for the device to finish ({@link Backend#synchronize()}) so that GPU time is counted.
 * GFLOP/s = {@code 2 M N K / time}. Shapes are {@code M x K x N}: a square one and the seed CNN's
 * im2col products.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class BackendGemmBenchmark {
    @Param({"cpu", "cuda"})
    public String backend;

    @Param({"1024x1024x1024", "32x288x16640", "128x1152x1040", "64x16384x512"})
    public String shape;

    private Backend device;
    private int m;
    private int k;
    private int n;
    private Tensor a;
    private Tensor b;
    private Tensor c;

    @Setup
    public void setUp() {
        device = BenchmarkBackends.named(backend);
        String[] mkn = shape.split("x");
        m = Integer.parseInt(mkn[0]);
        k = Integer.parseInt(mkn[1]);
        n = Integer.parseInt(mkn[2]);
        a = Tensor.uniform(device, 1, Shape.of(m, k), -1, 1);
        b = Tensor.uniform(device, 2, Shape.of(k, n), -1, 1);
        c = Tensor.zeros(device, Shape.of(m, n));
        device.synchronize();
    }

    @Benchmark
    public void multiply() {
        device.gemm(false, false, m, n, k, 1.0, a.buffer(), b.buffer(), 0.0, c.buffer());
        device.synchronize();
    }

    @TearDown
    public void tearDown() {
        a.release();
        b.release();
        c.release();
    }
}

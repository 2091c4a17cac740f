package org.advmusic.bench.cuda;

import java.util.concurrent.TimeUnit;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.Convolution;
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
 * A 3x3 convolution (stride 1, padding 1) of a batch of 64 by backend name: the forward pass, and the
 * forward pass with the gradients of the input and the weight (what an attack step and a training
 * step pay). Layers are {@code C x H x W -> K}: the seed CNN's first layer on a 128 x 130 log-mel
 * input, and its second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class BackendConvBenchmark {
    private static final int BATCH = 64;

    @Param({"cpu", "cuda"})
    public String backend;

    @Param({"1x128x130->32", "32x64x65->64"})
    public String layer;

    private Backend device;
    private Tensor x;
    private Tensor weight;
    private Tensor bias;
    private Tensor seed;

    @Setup
    public void setUp() {
        device = BenchmarkBackends.named(backend);
        String[] inOut = layer.split("->");
        String[] chw = inOut[0].split("x");
        int c = Integer.parseInt(chw[0]);
        int h = Integer.parseInt(chw[1]);
        int w = Integer.parseInt(chw[2]);
        int k = Integer.parseInt(inOut[1]);
        x = Tensor.uniform(device, 1, Shape.of(BATCH, c, h, w), 0, 1).requiresGrad(true);
        weight = Tensor.uniform(device, 2, Shape.of(k, c, 3, 3), -0.1, 0.1).requiresGrad(true);
        bias = Tensor.zeros(device, Shape.of(k));
        seed = Tensor.uniform(device, 3, Shape.of(BATCH, k, h, w), -1, 1);
        device.synchronize();
    }

    @Benchmark
    public void forward() {
        try (var scope = MemoryScope.open(); var noGrad = Autograd.noGrad()) {
            Convolution.apply(x, weight, bias, 1, 1, 1, 1);
            device.synchronize();
        }
    }

    @Benchmark
    public void forwardAndBackward() {
        try (var scope = MemoryScope.open()) {
            Tensor out = Convolution.apply(x, weight, bias, 1, 1, 1, 1);
            Autograd.gradWithSeed(out, seed, x, weight);
            device.synchronize();
        }
    }

    @TearDown
    public void tearDown() {
        x.release();
        weight.release();
        bias.release();
        seed.release();
    }
}

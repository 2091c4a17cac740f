package org.advmusic.bench;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.backend.cpu.CpuBackend;
import org.advmusic.engine.ops.Convolution;

/**
 * A 3x3 convolution with padding 1 and bias on a batch of 64, through the {@link Convolution} operation
 * on the CPU backend: the forward pass alone, or the forward pass plus the gradients of the input,
 * the weight and the bias (the backward pass is the difference).
 */
public final class ConvWorkload {
    /** Input channels, height, width and output channels of one benchmarked layer. */
    public record Layer(int channels, int height, int width, int outChannels) {
        /** The seed CNN's first layer, and a 32 -> 32 layer at the second block's resolution. */
        public static final Layer[] STANDARD = {new Layer(1, 128, 130, 32), new Layer(32, 64, 65, 32)};

        /** Parses {@code "CxHxW->K"}, for example {@code "1x128x130->32"}. */
        public static Layer parse(String text) {
            String[] sides = text.replace(" ", "").split("->");
            String[] input = sides[0].split("x");
            if (sides.length != 2 || input.length != 3) {
                throw new IllegalArgumentException("conv layer '" + text
                        + "', expected CxHxW->K such as 1x128x130->32");
            }
            return new Layer(Integer.parseInt(input[0]), Integer.parseInt(input[1]), Integer.parseInt(input[2]),
                    Integer.parseInt(sides[1]));
        }

        /** Multiply-adds times two of the forward pass on {@link #BATCH} samples. */
        public double forwardFlops() {
            return 2.0 * BATCH * outChannels * channels * 9 * height * width;
        }

        @Override
        public String toString() {
            return channels + "x" + height + "x" + width + "->" + outChannels;
        }
    }

    /** Samples per batch. */
    public static final int BATCH = 64;

    private final Tensor x;
    private final Tensor weight;
    private final Tensor bias;

    public ConvWorkload(Layer layer, CpuBackend cpu) {
        try (var ignored = MemoryScope.persistent()) {
            x = Tensor.uniform(cpu, 1, Shape.of(BATCH, layer.channels(), layer.height(), layer.width()), 0, 1);
            weight = Tensor.uniform(cpu, 2, Shape.of(layer.outChannels(), layer.channels(), 3, 3), -0.2, 0.2);
            bias = Tensor.uniform(cpu, 3, Shape.of(layer.outChannels()), -0.1, 0.1);
        }
        x.requiresGrad(true);
        weight.requiresGrad(true);
        bias.requiresGrad(true);
    }

    /** The forward pass (its output, written to memory, is released at once). */
    public void forward() {
        try (var ignored = MemoryScope.open(); var noGrad = Autograd.noGrad()) {
            Convolution.apply(x, weight, bias, 1, 1, 1, 1);
        }
    }

    /** The forward pass and the gradients of {@code sum(output)} with respect to input, weight and bias. */
    public void forwardAndBackward() {
        try (var ignored = MemoryScope.open()) {
            Tensor y = Convolution.apply(x, weight, bias, 1, 1, 1, 1);
            Autograd.grad(y.sum(), x, weight, bias);
        }
    }
}

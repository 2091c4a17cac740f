package org.advmusic.engine.backend.cuda;

import static org.advmusic.engine.backend.cuda.ParityAssertions.uniform;

import java.util.List;
import java.util.function.Function;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.BinaryOp;
import org.advmusic.engine.Shape;
import org.advmusic.engine.StftPlan;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.UnaryOp;
import org.advmusic.engine.ops.Affine;
import org.advmusic.engine.ops.AveragePooling;
import org.advmusic.engine.ops.BatchNorm;
import org.advmusic.engine.ops.Concat;
import org.advmusic.engine.ops.Convolution;
import org.advmusic.engine.ops.GlobalAveragePooling;
import org.advmusic.engine.ops.InvertedDropout;
import org.advmusic.engine.ops.MaxPooling;
import org.advmusic.engine.ops.NormalizedConvolution;
import org.advmusic.engine.ops.PowerStft;
import org.advmusic.engine.ops.ProjectedPowerStft;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;
import org.advmusic.engine.ops.StraightThrough;
import org.advmusic.engine.ops.UpsampleBilinear;
import org.advmusic.engine.unrecorded.Argmax;
import org.advmusic.engine.unrecorded.Compare;
import org.advmusic.engine.unrecorded.Elementwise;
import org.advmusic.engine.unrecorded.Where;
import org.junit.jupiter.api.Test;

/**
 * Parity of every operation, forward and backward, between the CUDA backend and the float64
 * reference: the output, and the gradient of {@code sum(output * R)} (R fixed and random) with
 * respect to every input. {@link CudaOpParityCoverageTest} checks that every operation class has a case.
 */
interface CudaOpParity {

    CudaBackend cuda();

    Backend reference();

    /** A named function of inputs that are built the same way on any backend. */
    record OpCase(String name, Function<Backend, Tensor[]> inputs, Function<Tensor[], Tensor> function) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static OpCase op(String name, Function<Backend, Tensor[]> inputs, Function<Tensor[], Tensor> function) {
        return new OpCase(name, inputs, function);
    }

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    /** Uniform on {@code [-1, 1)} with every |value| at least 0.1, away from the kinks at 0 (relu, abs, clamp). */
    private static Tensor awayFromZero(Backend b, long seed, int... dims) {
        float[] v = uniform(seed, Shape.of(dims).size(), -1, 1);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.copySign(0.1f + 0.9f * Math.abs(v[i]), v[i]);
        }
        return Tensor.fromArray(b, v, dims);
    }

    /** Every operation of {@code org.advmusic.engine.ops}, in sizes that reach the kernels' multi-block paths. */
    static List<OpCase> cases() {
        return List.of(
            op("add broadcast", b -> of(uniform(b, 1, -1, 1, 4, 3, 5), uniform(b, 2, -1, 1, 3, 1)), x -> x[0].add(x[1])),
            op("sub broadcast", b -> of(uniform(b, 3, -1, 1, 2, 3), uniform(b, 4, -1, 1, 2, 1)), x -> x[0].sub(x[1])),
            op("mul broadcast", b -> of(uniform(b, 5, -1, 1, 2, 3, 4), uniform(b, 6, -1, 1, 1, 3, 1)), x -> x[0].mul(x[1])),
            op("div", b -> of(uniform(b, 7, -1, 1, 3, 4), uniform(b, 8, 0.5, 1.5, 3, 4)), x -> x[0].div(x[1])),
            op("neg", b -> of(uniform(b, 9, -1, 1, 5)), x -> x[0].neg()),
            op("scale and shift", b -> of(uniform(b, 10, -1, 1, 2, 3)), x -> x[0].mul(2.5).add(1.0)),
            op("exp", b -> of(uniform(b, 11, -2, 2, 2, 3)), x -> x[0].exp()),
            op("log", b -> of(uniform(b, 12, 0.5, 2, 2, 3)), x -> x[0].log()),
            op("sqrt", b -> of(uniform(b, 13, 0.5, 2, 2, 3)), x -> x[0].sqrt()),
            op("pow", b -> of(uniform(b, 14, 0.5, 2, 2, 3)), x -> x[0].pow(-1.5)),
            op("abs", b -> of(awayFromZero(b, 15, 3, 4)), x -> x[0].abs()),
            op("relu", b -> of(awayFromZero(b, 16, 300)), x -> x[0].relu()),
            op("sigmoid", b -> of(uniform(b, 17, -6, 6, 3, 4)), x -> x[0].sigmoid()),
            op("tanh", b -> of(uniform(b, 18, -3, 3, 3, 4)), x -> x[0].tanh()),
            op("clamp", b -> of(awayFromZero(b, 19, 4, 5)), x -> x[0].mul(2).clamp(-1, 1)),
            op("sign", b -> of(awayFromZero(b, 20, 7)), x -> x[0].sign()),
            op("compare", b -> of(uniform(b, 21, -1, 1, 3, 4), uniform(b, 22, -1, 1, 4)), x -> Compare.apply(BinaryOp.GE, x[0], x[1])),
            op("where", b -> of(uniform(b, 23, -1, 1, 6), uniform(b, 24, -1, 1, 6), uniform(b, 25, -1, 1, 6)),
                    x -> Where.apply(x[0].gt(Tensor.zerosLike(x[0])), x[1], x[2])),
            op("argmax", b -> of(uniform(b, 26, -1, 1, 5, 7)), x -> Argmax.apply(x[0], 1)),
            op("matmul 2-D", b -> of(uniform(b, 27, -1, 1, 33, 70), uniform(b, 28, -1, 1, 70, 65)), x -> x[0].matmul(x[1])),
            op("matmul batched, shared right", b -> of(uniform(b, 29, -1, 1, 3, 7, 9), uniform(b, 30, -1, 1, 9, 5)),
                    x -> x[0].matmul(x[1])),
            op("linear", b -> of(uniform(b, 31, -1, 1, 16, 40), uniform(b, 32, -1, 1, 10, 40), uniform(b, 33, -1, 1, 10)),
                    x -> Affine.apply(x[0], x[1], x[2])),
            op("reshape and transpose", b -> of(uniform(b, 34, -1, 1, 2, 3, 4)), x -> x[0].reshape(4, 6).transpose(0, 1)),
            op("permute", b -> of(uniform(b, 35, -1, 1, 2, 3, 4, 5)), x -> x[0].permute(3, 1, 0, 2)),
            op("sum axes", b -> of(uniform(b, 36, -1, 1, 4, 300, 3)), x -> x[0].sum(false, 0, 2)),
            op("sum all", b -> of(uniform(b, 37, -1, 1, 50, 40)), x -> x[0].sum()),
            op("mean", b -> of(uniform(b, 38, -1, 1, 2, 3, 4)), x -> x[0].mean(true, -1)),
            op("max axis", b -> of(uniform(b, 39, -1, 1, 3, 200, 2)), x -> x[0].max(false, 1)),
            op("softmax middle axis", b -> of(uniform(b, 40, -3, 3, 2, 40, 3)), x -> x[0].softmax(1)),
            op("log softmax", b -> of(uniform(b, 41, -3, 3, 6, 10)), x -> x[0].logSoftmax(-1)),
            op("cross entropy mean", b -> of(uniform(b, 42, -3, 3, 5, 10)),
                    x -> SoftmaxCrossEntropy.mean(x[0], new int[] {2, 0, 9, 3, 3})),
            op("conv2d stride 1 pad 1", b -> of(uniform(b, 43, -1, 1, 2, 3, 9, 8), uniform(b, 44, -1, 1, 4, 3, 3, 3),
                    uniform(b, 45, -1, 1, 4)), x -> Convolution.apply(x[0], x[1], x[2], 1, 1, 1, 1)),
            op("conv2d 3x3 pad 1, 9 channels (input gradient as a transposed convolution)",
                    b -> of(uniform(b, 143, -1, 1, 2, 9, 6, 5), uniform(b, 144, -1, 1, 4, 9, 3, 3), uniform(b, 145, -1, 1, 4)),
                    x -> Convolution.apply(x[0], x[1], x[2], 1, 1, 1, 1)),
            op("conv2d stride 2, no bias", b -> of(uniform(b, 46, -1, 1, 3, 2, 7, 6), uniform(b, 47, -1, 1, 3, 2, 3, 2)),
                    x -> Convolution.apply(x[0], x[1], null, 2, 2, 0, 1)),
            op("max pool", b -> of(uniform(b, 48, -1, 1, 2, 2, 7, 6)), x -> MaxPooling.apply(x[0], 3, 3, 2, 2, 1, 1)),
            op("avg pool", b -> of(uniform(b, 49, -1, 1, 2, 2, 6, 6)), x -> AveragePooling.apply(x[0], 2, 2, 2, 2, 0, 0)),
            op("global avg pool", b -> of(uniform(b, 50, -1, 1, 2, 3, 4, 5)), x -> GlobalAveragePooling.apply(x[0])),
            op("batch norm training", b -> of(uniform(b, 51, -1, 2, 4, 3, 5, 5), uniform(b, 52, 0.5, 1.5, 3),
                    uniform(b, 53, -1, 1, 3)), x -> BatchNorm.training(x[0], x[1], x[2],
                    Tensor.zeros(x[0].backend(), Shape.of(3)), Tensor.ones(x[0].backend(), Shape.of(3)), 0.1, 1e-5)),
            op("batch norm inference", b -> of(uniform(b, 54, -1, 2, 3, 2, 4), uniform(b, 55, 0.5, 1.5, 2),
                    uniform(b, 56, -1, 1, 2)), x -> BatchNorm.inference(x[0], x[1], x[2],
                    Tensor.fromArray(x[0].backend(), new float[] {0.2f, -0.1f}, 2),
                    Tensor.fromArray(x[0].backend(), new float[] {0.8f, 1.3f}, 2), 1e-5)),
            op("batch norm inference rectified", b -> of(uniform(b, 154, -1, 2, 3, 2, 4), uniform(b, 155, 0.5, 1.5, 2),
                    uniform(b, 156, -1, 1, 2)), x -> BatchNorm.inference(x[0], x[1], x[2],
                    Tensor.fromArray(x[0].backend(), new float[] {0.2f, -0.1f}, 2),
                    Tensor.fromArray(x[0].backend(), new float[] {0.8f, 1.3f}, 2), 1e-5, true)),
            op("conv2d, batch norm inference fused, rectified", b -> of(uniform(b, 157, -1, 1, 2, 3, 9, 8),
                    uniform(b, 158, -1, 1, 4, 3, 3, 3), uniform(b, 159, -1, 1, 4), uniform(b, 160, 0.5, 1.5, 4),
                    uniform(b, 161, -1, 1, 4)), x -> NormalizedConvolution.apply(x[0], x[1], x[2], x[3], x[4],
                    Tensor.fromArray(x[0].backend(), new float[] {0.2f, -0.1f, 0.3f, 0f}, 4),
                    Tensor.fromArray(x[0].backend(), new float[] {0.8f, 1.3f, 0.5f, 2f}, 4), 1e-5, true, 1, 1, 1, 1)),
            op("dropout", b -> of(uniform(b, 57, -1, 1, 8, 30)), x -> InvertedDropout.apply(x[0], 0.3, 1234)),
            op("upsample bilinear", b -> of(uniform(b, 58, -1, 1, 1, 2, 8, 16)), x -> UpsampleBilinear.apply(x[0], 128, 130)),
            op("concat", b -> of(uniform(b, 59, -1, 1, 2, 1, 3), uniform(b, 60, -1, 1, 2, 3, 3)), x -> Concat.apply(1, x[0], x[1])),
            op("narrow", b -> of(uniform(b, 61, -1, 1, 3, 6, 2)), x -> x[0].narrow(1, 2, 3)),
            op("straight-through rounding", b -> of(uniform(b, 62, 0, 1, 4, 5)),
                    x -> StraightThrough.apply(x[0], t -> Elementwise.unary(UnaryOp.ROUND, t.mul(7), 0, 0).mul(1.0 / 7))),
            op("power stft", b -> of(uniform(b, 63, -1, 1, 3, 300)), x -> PowerStft.apply(x[0], hannStft(32, 8))),
            op("projected power stft", b -> of(uniform(b, 64, -1, 1, 3, 300)), x -> ProjectedPowerStft.apply(x[0],
                    hannStft(32, 8), Tensor.fromArray(x[0].backend(), bands(5, 17), 5, 17)))
        );
    }

    /** Overlapping bands of ones and halves over the bins, as a small filterbank: (rows, bins). */
    private static double[] bands(int rows, int bins) {
        double[] m = new double[rows * bins];
        for (int r = 0; r < rows; r++) {
            for (int k = 3 * r; k < Math.min(bins, 3 * r + 5); k++) {
                m[r * bins + k] = k % 2 == 0 ? 1.0 : 0.5;
            }
        }
        return m;
    }

    /** A centred STFT plan with the periodic Hann window. */
    private static StftPlan hannStft(int frameLength, int hop) {
        double[] window = new double[frameLength];
        for (int i = 0; i < frameLength; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frameLength);
        }
        return new StftPlan(window, hop, true);
    }

    /** The output, then the gradient with respect to each input, as arrays. */
    private static double[][] outputAndGradients(Backend b, OpCase c) {
        Tensor[] inputs = c.inputs().apply(b);
        for (Tensor t : inputs) {
            t.requiresGrad(true);
        }
        Tensor out = c.function().apply(inputs);
        double[][] results = new double[1 + inputs.length][];
        results[0] = out.toDoubleArray();
        if (out.gradFunction() != null) {
            Tensor seed = Tensor.fromArray(b, uniform(0xC0FFEEL, out.size(), -1, 1), out.shape().dims());
            Tensor[] grads = Autograd.gradWithSeed(out, seed, inputs);
            for (int i = 0; i < inputs.length; i++) {
                results[1 + i] = grads[i].toDoubleArray();
            }
        }
        return results;
    }

    @Test
    default void everyOperationForwardAndBackward() {
        for (OpCase c : cases()) {
            double[][] expected = outputAndGradients(reference(), c);
            double[][] actual = outputAndGradients(cuda(), c);
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] == null) {
                    continue; // not differentiable
                }
                String what = c.name() + (i == 0 ? ": output" : ": gradient of input " + (i - 1));
                ParityAssertions.assertClose(what, ParityAssertions.roundedToFloat(expected[i]), actual[i], 1e-5, 1e-4);
            }
        }
    }
}

package org.advmusic.engine.ops;

import static org.advmusic.engine.testing.TestTensors.awayFromZero;
import static org.advmusic.engine.testing.TestTensors.distinct;
import static org.advmusic.engine.testing.TestTensors.uniform;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.StftPlan;
import org.advmusic.engine.Tensor;

/** One gradient-check case per operation and variant, on the reference backend. */
final class OpGradientCases {
    /** A named function of freshly built inputs. */
    record GradCase(String name, Supplier<Tensor[]> inputs, Function<Tensor[], Tensor> function) {
        @Override
        public String toString() {
            return name;
        }
    }

    private OpGradientCases() {
    }

    private static Backend r() {
        return Backends.reference();
    }

    private static GradCase c(String name, Supplier<Tensor[]> inputs, Function<Tensor[], Tensor> f) {
        return new GradCase(name, inputs, f);
    }

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    static List<GradCase> all() {
        return List.of(
            c("add broadcast row", () -> of(uniform(r(), 1, -1, 1, 3, 4), uniform(r(), 2, -1, 1, 4)), x -> x[0].add(x[1])),
            c("add broadcast column", () -> of(uniform(r(), 3, -1, 1, 3, 1), uniform(r(), 4, -1, 1, 2, 3, 4)), x -> x[0].add(x[1])),
            c("sub broadcast", () -> of(uniform(r(), 5, -1, 1, 2, 3), uniform(r(), 6, -1, 1, 2, 1)), x -> x[0].sub(x[1])),
            c("mul broadcast", () -> of(uniform(r(), 7, -1, 1, 2, 3, 4), uniform(r(), 8, -1, 1, 1, 3, 1)), x -> x[0].mul(x[1])),
            c("div", () -> of(uniform(r(), 9, -1, 1, 3, 4), uniform(r(), 10, 0.5, 1.5, 3, 4)), x -> x[0].div(x[1])),
            c("div broadcast scalar", () -> of(uniform(r(), 11, -1, 1, 3, 4), uniform(r(), 12, 0.5, 1.5)), x -> x[0].div(x[1])),
            c("neg", () -> of(uniform(r(), 13, -1, 1, 5)), x -> x[0].neg()),
            c("scale and shift", () -> of(uniform(r(), 14, -1, 1, 2, 3)), x -> x[0].mul(2.5).add(1.0)),
            c("exp", () -> of(uniform(r(), 15, -1, 1, 2, 3)), x -> x[0].exp()),
            c("log", () -> of(uniform(r(), 16, 0.5, 2, 2, 3)), x -> x[0].log()),
            c("sqrt", () -> of(uniform(r(), 17, 0.5, 2, 2, 3)), x -> x[0].sqrt()),
            c("pow 2.5", () -> of(uniform(r(), 18, 0.5, 2, 2, 3)), x -> x[0].pow(2.5)),
            c("pow -1.5", () -> of(uniform(r(), 19, 0.5, 2, 2, 3)), x -> x[0].pow(-1.5)),
            c("abs", () -> of(awayFromZero(r(), 20, 0.1, 3, 4)), x -> x[0].abs()),
            c("relu", () -> of(awayFromZero(r(), 21, 0.1, 3, 4)), x -> x[0].relu()),
            c("sigmoid", () -> of(uniform(r(), 22, -3, 3, 3, 4)), x -> x[0].sigmoid()),
            c("tanh", () -> of(uniform(r(), 23, -2, 2, 3, 4)), x -> x[0].tanh()),
            c("clamp", () -> of(awayFromZero(r(), 24, 0.1, 4, 5)), x -> x[0].mul(2).clamp(-1, 1)),
            c("matmul 2-D", () -> of(uniform(r(), 25, -1, 1, 3, 4), uniform(r(), 26, -1, 1, 4, 5)), x -> x[0].matmul(x[1])),
            c("matmul batched", () -> of(uniform(r(), 27, -1, 1, 2, 3, 4), uniform(r(), 28, -1, 1, 2, 4, 5)), x -> x[0].matmul(x[1])),
            c("matmul shared right", () -> of(uniform(r(), 29, -1, 1, 2, 3, 4), uniform(r(), 30, -1, 1, 4, 5)), x -> x[0].matmul(x[1])),
            c("matmul shared left", () -> of(uniform(r(), 31, -1, 1, 3, 4), uniform(r(), 32, -1, 1, 2, 4, 5)), x -> x[0].matmul(x[1])),
            c("linear", () -> of(uniform(r(), 33, -1, 1, 4, 5), uniform(r(), 34, -1, 1, 3, 5), uniform(r(), 35, -1, 1, 3)),
                    x -> Affine.apply(x[0], x[1], x[2])),
            c("linear without bias", () -> of(uniform(r(), 36, -1, 1, 4, 5), uniform(r(), 37, -1, 1, 3, 5)),
                    x -> Affine.apply(x[0], x[1], null)),
            c("reshape", () -> of(uniform(r(), 38, -1, 1, 2, 3, 4)), x -> x[0].reshape(4, -1).mul(x[0].reshape(4, 6))),
            c("permute", () -> of(uniform(r(), 39, -1, 1, 2, 3, 4)), x -> x[0].permute(2, 0, 1)),
            c("transpose", () -> of(uniform(r(), 40, -1, 1, 3, 5)), x -> x[0].transpose(0, 1)),
            c("sum all", () -> of(uniform(r(), 41, -1, 1, 2, 3, 4)), x -> x[0].sum()),
            c("sum axes", () -> of(uniform(r(), 42, -1, 1, 2, 3, 4)), x -> x[0].sum(false, 0, 2)),
            c("sum keep dims", () -> of(uniform(r(), 43, -1, 1, 2, 3, 4)), x -> x[0].sum(true, 1)),
            c("mean axes", () -> of(uniform(r(), 44, -1, 1, 2, 3, 4)), x -> x[0].mean(false, -1)),
            c("mean all", () -> of(uniform(r(), 45, -1, 1, 3, 4)), x -> x[0].mean()),
            c("max axis", () -> of(distinct(r(), 46, 0.1, 3, 4, 5)), x -> x[0].max(false, 1)),
            c("max all", () -> of(distinct(r(), 47, 0.1, 3, 4)), x -> x[0].max(true)),
            c("softmax last axis", () -> of(uniform(r(), 48, -2, 2, 3, 5)), x -> x[0].softmax(-1)),
            c("softmax middle axis", () -> of(uniform(r(), 49, -2, 2, 2, 4, 3)), x -> x[0].softmax(1)),
            c("log softmax", () -> of(uniform(r(), 50, -2, 2, 3, 5)), x -> x[0].logSoftmax(-1)),
            c("log softmax first axis", () -> of(uniform(r(), 51, -2, 2, 4, 3)), x -> x[0].logSoftmax(0)),
            c("cross entropy per sample", () -> of(uniform(r(), 52, -2, 2, 4, 5)),
                    x -> SoftmaxCrossEntropy.perSample(x[0], new int[] {0, 3, 4, 1})),
            c("cross entropy mean", () -> of(uniform(r(), 53, -2, 2, 3, 4)),
                    x -> SoftmaxCrossEntropy.mean(x[0], new int[] {2, 0, 3})),
            c("conv2d stride 1 pad 1", () -> of(uniform(r(), 54, -1, 1, 2, 3, 6, 5), uniform(r(), 55, -1, 1, 4, 3, 3, 3),
                    uniform(r(), 56, -1, 1, 4)), x -> Convolution.apply(x[0], x[1], x[2], 1, 1, 1, 1)),
            c("conv2d stride 2 no pad", () -> of(uniform(r(), 57, -1, 1, 2, 2, 7, 6), uniform(r(), 58, -1, 1, 3, 2, 3, 2),
                    uniform(r(), 59, -1, 1, 3)), x -> Convolution.apply(x[0], x[1], x[2], 2, 2, 0, 0)),
            c("conv2d mixed stride and pad, no bias", () -> of(uniform(r(), 60, -1, 1, 3, 2, 5, 6),
                    uniform(r(), 61, -1, 1, 2, 2, 3, 3)), x -> Convolution.apply(x[0], x[1], null, 2, 1, 1, 0)),
            c("conv2d 1x1", () -> of(uniform(r(), 62, -1, 1, 2, 3, 4, 4), uniform(r(), 63, -1, 1, 5, 3, 1, 1)),
                    x -> Convolution.apply(x[0], x[1], null, 1, 1, 0, 0)),
            // with at least kh kw input channels the input gradient runs as a transposed convolution
            c("conv2d 3x3 pad 1, 9 channels", () -> of(uniform(r(), 252, -1, 1, 2, 9, 4, 5),
                    uniform(r(), 253, -1, 1, 2, 9, 3, 3), uniform(r(), 251, -1, 1, 2)),
                    x -> Convolution.apply(x[0], x[1], x[2], 1, 1, 1, 1)),
            c("conv2d stride 1 rectangular kernel, full padding", () -> of(uniform(r(), 254, -1, 1, 2, 6, 5, 4),
                    uniform(r(), 255, -1, 1, 3, 6, 3, 2), uniform(r(), 256, -1, 1, 3)),
                    x -> Convolution.apply(x[0], x[1], x[2], 1, 1, 2, 1)),
            c("conv2d stride 1 padding beyond the kernel", () -> of(uniform(r(), 257, -1, 1, 2, 2, 3, 3),
                    uniform(r(), 258, -1, 1, 2, 2, 1, 1)), x -> Convolution.apply(x[0], x[1], null, 1, 1, 1, 1)),
            c("max pool 2x2", () -> of(distinct(r(), 64, 0.01, 2, 2, 6, 6)), x -> MaxPooling.apply(x[0], 2, 2, 2, 2, 0, 0)),
            c("max pool 3x3 stride 2 pad 1", () -> of(distinct(r(), 65, 0.01, 2, 2, 7, 6)),
                    x -> MaxPooling.apply(x[0], 3, 3, 2, 2, 1, 1)),
            c("max pool odd size", () -> of(distinct(r(), 66, 0.01, 1, 3, 5, 7)), x -> MaxPooling.apply(x[0], 2, 2, 2, 2, 0, 0)),
            c("avg pool 2x2", () -> of(uniform(r(), 67, -1, 1, 2, 2, 6, 6)), x -> AveragePooling.apply(x[0], 2, 2, 2, 2, 0, 0)),
            c("avg pool 3x3 stride 1 pad 1", () -> of(uniform(r(), 68, -1, 1, 1, 2, 5, 4)),
                    x -> AveragePooling.apply(x[0], 3, 3, 1, 1, 1, 1)),
            c("global avg pool", () -> of(uniform(r(), 69, -1, 1, 2, 3, 4, 5)), x -> GlobalAveragePooling.apply(x[0])),
            c("batch norm training 4-D", () -> of(uniform(r(), 70, -1, 2, 4, 3, 2, 2), uniform(r(), 71, 0.5, 1.5, 3),
                    uniform(r(), 72, -1, 1, 3)), x -> BatchNorm.training(x[0], x[1], x[2],
                    Tensor.zeros(r(), Shape.of(3)), Tensor.ones(r(), Shape.of(3)), 0.1, 1e-5)),
            c("batch norm training 2-D", () -> of(uniform(r(), 73, -1, 2, 5, 3), uniform(r(), 74, 0.5, 1.5, 3),
                    uniform(r(), 75, -1, 1, 3)), x -> BatchNorm.training(x[0], x[1], x[2],
                    Tensor.zeros(r(), Shape.of(3)), Tensor.ones(r(), Shape.of(3)), 0.1, 1e-5)),
            c("batch norm inference", () -> of(uniform(r(), 76, -1, 2, 3, 2, 3, 2), uniform(r(), 77, 0.5, 1.5, 2),
                    uniform(r(), 78, -1, 1, 2)), x -> BatchNorm.inference(x[0], x[1], x[2],
                    Tensor.fromArray(r(), new double[] {0.2, -0.1}, 2), Tensor.fromArray(r(), new double[] {0.8, 1.3}, 2), 1e-5)),
            c("batch norm training rectified", () -> of(uniform(r(), 170, -1, 2, 4, 3, 2, 2),
                    uniform(r(), 171, 0.5, 1.5, 3), uniform(r(), 172, -1, 1, 3)), x -> BatchNorm.training(x[0], x[1],
                    x[2], Tensor.zeros(x[0].backend(), Shape.of(3)), Tensor.ones(x[0].backend(), Shape.of(3)), 0.1, 1e-5, true)),
            c("batch norm inference rectified", () -> of(uniform(r(), 176, -1, 2, 3, 2, 3, 2),
                    uniform(r(), 177, 0.5, 1.5, 2), uniform(r(), 178, -1, 1, 2)), x -> BatchNorm.inference(x[0], x[1],
                    x[2], Tensor.fromArray(x[0].backend(), new double[] {0.2, -0.1}, 2),
                    Tensor.fromArray(x[0].backend(), new double[] {0.8, 1.3}, 2), 1e-5, true)),
            // running statistics far from the batch's, so that the rectifier's kinks stay away from the values
            c("conv2d, batch norm inference fused", () -> of(uniform(r(), 290, -1, 1, 2, 3, 5, 4),
                    uniform(r(), 291, -1, 1, 4, 3, 3, 3), uniform(r(), 282, -1, 1, 4), uniform(r(), 283, 0.5, 1.5, 4),
                    uniform(r(), 284, -1, 1, 4)), x -> NormalizedConvolution.apply(x[0], x[1], x[2], x[3], x[4],
                    Tensor.fromArray(x[0].backend(), new double[] {0.2, -0.1, 0.3, 0}, 4),
                    Tensor.fromArray(x[0].backend(), new double[] {0.8, 1.3, 0.5, 2}, 4), 1e-5, false, 1, 1, 1, 1)),
            c("conv2d, batch norm inference fused, rectified, no bias", () -> of(uniform(r(), 285, -1, 1, 2, 2, 6, 5),
                    uniform(r(), 286, -1, 1, 3, 2, 3, 3), uniform(r(), 287, 0.5, 1.5, 3), uniform(r(), 288, -1, 1, 3)),
                    x -> NormalizedConvolution.apply(x[0], x[1], null, x[2], x[3],
                    Tensor.fromArray(x[0].backend(), new double[] {0.2, -0.1, 0.3}, 3),
                    Tensor.fromArray(x[0].backend(), new double[] {0.8, 1.3, 0.5}, 3), 1e-5, true, 2, 1, 1, 0)),
            c("dropout", () -> of(uniform(r(), 79, -1, 1, 4, 6)), x -> InvertedDropout.apply(x[0], 0.3, 1234)),
            c("upsample bilinear", () -> of(uniform(r(), 80, -1, 1, 1, 2, 3, 4)), x -> UpsampleBilinear.apply(x[0], 5, 7)),
            c("upsample bilinear shrink", () -> of(uniform(r(), 81, -1, 1, 2, 1, 6, 5)), x -> UpsampleBilinear.apply(x[0], 4, 3)),
            c("concat", () -> of(uniform(r(), 82, -1, 1, 2, 1, 3), uniform(r(), 83, -1, 1, 2, 3, 3), uniform(r(), 84, -1, 1, 2, 2, 3)),
                    x -> Concat.apply(1, x[0], x[1], x[2])),
            c("narrow", () -> of(uniform(r(), 85, -1, 1, 3, 6, 2)), x -> x[0].narrow(1, 2, 3)),
            // the identity's derivative is the identity, so a shift is where the estimator is exact
            c("straight-through", () -> of(uniform(r(), 86, -1, 1, 2, 3)), x -> StraightThrough.apply(x[0], t -> t.add(0.5))),
            // frames of 8 every 3 samples, centred (zero padding at both ends) and not, with an asymmetric window
            c("power stft centred", () -> of(uniform(r(), 87, -1, 1, 2, 13)), x -> PowerStft.apply(x[0], stftPlan(true))),
            c("power stft not centred", () -> of(uniform(r(), 88, -1, 1, 3, 17)), x -> PowerStft.apply(x[0], stftPlan(false))),
            // 4 rows over the 5 bins: an empty row, narrow and wide bands, a zero inside a band
            c("projected power stft centred", () -> of(uniform(r(), 89, -1, 1, 2, 13)),
                    x -> ProjectedPowerStft.apply(x[0], stftPlan(true), projection(x[0].backend()))),
            c("projected power stft not centred", () -> of(uniform(r(), 90, -1, 1, 3, 17)),
                    x -> ProjectedPowerStft.apply(x[0], stftPlan(false), projection(x[0].backend())))
        );
    }

    /** A (4, 5) projection of the 5 bins of {@link #stftPlan}'s frames. */
    private static Tensor projection(Backend backend) {
        return Tensor.fromArray(backend, new double[] {
            0, 0, 0, 0, 0,
            0.5, 1.0, 0, 0, 0,
            0, 0.3, 0.7, 0.2, 0,
            0, 0, 0.4, 0, 0.9}, 4, 5);
    }

    /** An 8-sample frame with hop 3 and an asymmetric window, so that a mistaken index changes the result. */
    static StftPlan stftPlan(boolean center) {
        return new StftPlan(new double[] {0.1, 0.5, 0.9, 1.0, 0.8, 0.6, 0.3, 0.2}, 3, center);
    }
}

package org.advmusic.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation run forward and backward on the float32 CPU backend against the float64 reference:
 * the gradient-check cases of {@link OpGradientCases} (which cover every operation class) with the
 * same inputs, the loss {@code sum(out * R)} for a fixed random R, comparing the outputs and the
 * input gradients within {@value #TOLERANCE} relative to the magnitude.
 */
class CpuOpParityTest {
    static final double TOLERANCE = 1e-4;

    /** Cases whose function builds reference tensors itself; their operation is compared in its own test below. */
    private static final Set<String> BUILD_REFERENCE_TENSORS =
            Set.of("batch norm training 4-D", "batch norm training 2-D", "batch norm inference");

    private static Backend cpu() {
        return Backends.get("cpu");
    }

    static Stream<OpGradientCases.GradCase> cases() {
        return OpGradientCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardAndBackwardMatchTheReference(OpGradientCases.GradCase c) {
        Tensor[] onReference = c.inputs().get();
        Tensor[] onCpu = new Tensor[onReference.length];
        for (int i = 0; i < onReference.length; i++) {
            onCpu[i] = onReference[i].to(cpu());
        }
        if (BUILD_REFERENCE_TENSORS.contains(c.name())) {
            for (Tensor t : onCpu) {
                t.requiresGrad(true);
            }
            assertThrows(IllegalArgumentException.class, () -> c.function().apply(onCpu),
                    c.name() + " no longer mixes backends: compare it here instead of in its own test");
            return;
        }
        compare(c.name(), c.function(), onReference, onCpu);
    }

    @Test
    void batchNormTrainingAndInference() {
        for (int[] dims : new int[][] {{4, 3, 2, 2}, {5, 3}, {8, 6, 10, 12}}) {
            Shape channels = Shape.of(dims[1]);
            Tensor x = Tensor.uniform(Backends.reference(), 70, Shape.of(dims), -1, 2);
            Tensor gamma = Tensor.uniform(Backends.reference(), 71, channels, 0.5, 1.5);
            Tensor beta = Tensor.uniform(Backends.reference(), 72, channels, -1, 1);
            Function<Tensor[], Tensor> training = in -> BatchNorm.training(in[0], in[1], in[2],
                    Tensor.zeros(in[0].backend(), channels), Tensor.ones(in[0].backend(), channels), 0.1, 1e-5);
            Function<Tensor[], Tensor> inference = in -> BatchNorm.inference(in[0], in[1], in[2],
                    Tensor.full(in[0].backend(), channels, 0.2), Tensor.full(in[0].backend(), channels, 1.3), 1e-5);
            Tensor[] reference = {x, gamma, beta};
            compare("batch norm training " + x.shape(), training, reference, onCpu(reference));
            compare("batch norm inference " + x.shape(), inference, reference, onCpu(reference));
        }
    }

    private static Tensor[] onCpu(Tensor[] tensors) {
        Tensor[] out = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            out[i] = tensors[i].to(cpu());
        }
        return out;
    }

    /** Runs {@code f} with its loss on both backends and compares outputs and input gradients. */
    private static void compare(String name, Function<Tensor[], Tensor> f, Tensor[] onReference, Tensor[] onCpu) {
        Result expected = run(f, onReference);
        Result actual = run(f, onCpu);
        assertEquals(expected.output.shape(), actual.output.shape(), name + ": output shape");
        assertClose(name + ": output", expected.output, actual.output);
        for (int i = 0; i < onReference.length; i++) {
            assertClose(name + ": gradient of input " + i, expected.gradients[i], actual.gradients[i]);
        }
    }

    private record Result(Tensor output, Tensor[] gradients) {
    }

    private static Result run(Function<Tensor[], Tensor> f, Tensor[] inputs) {
        for (Tensor t : inputs) {
            t.requiresGrad(true);
        }
        Tensor out = f.apply(inputs);
        Tensor weights = Tensor.uniform(Backends.reference(), 0xC0FFEEL, out.shape(), -1.0, 1.0).to(out.backend());
        Tensor[] gradients = Autograd.grad(out.mul(weights).sum(), inputs);
        return new Result(out, gradients);
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= TOLERANCE * (Math.abs(e[i]) + 1))) {
                fail(String.format("%s: element %d is %.9g on the cpu backend, %.9g on the reference", what, i,
                        a[i], e[i]));
            }
        }
    }
}

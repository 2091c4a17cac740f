package org.advmusic.engine.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * docs/READING.md, exercise 1 (add an operation with its gradient check), worked solution: softplus,
 * {@code log(1 + e^x)}, as a differentiable operation: forward and backward side by side, the
 * derivative in a comment, and a central-difference gradient check on the float64 reference backend.
 */
class SoftplusExerciseTest {

    /** {@code softplus(x) = log(1 + e^x)} elementwise. */
    static final class Softplus extends GradFunction {
        private Softplus(Tensor x) {
            super(x);
        }

        /** any shape -> the same shape */
        static Tensor apply(Tensor x) {
            Tensor out;
            try (var ignored = Autograd.noGrad()) {
                // log(1 + e^x) = max(x, 0) + log(1 + e^-|x|): no overflow for large |x|
                out = x.relu().add(x.abs().neg().exp().add(1).log());
            }
            return Autograd.shouldRecord(x) ? out.withGradFunction(new Softplus(x)) : out;
        }

        // d/dx log(1 + e^x) = e^x / (1 + e^x) = sigmoid(x)
        @Override
        protected Tensor[] backward(Tensor g, boolean[] needs) {
            return new Tensor[] {g.mul(inputs()[0].sigmoid())};
        }
    }

    @Test
    void forwardIsLogOnePlusExpAndStaysFiniteForLargeInputs() {
        Tensor x = Tensor.fromArray(GradCheck.reference(), new double[] {-800, -2, 0, 1.5, 800}, 5);
        double[] expected = {0, Math.log1p(Math.exp(-2)), Math.log(2), Math.log1p(Math.exp(1.5)), 800};
        assertArrayEquals(expected, Softplus.apply(x).toDoubleArray(), 1e-12);
    }

    @Test
    void theGradientMatchesCentralDifferences() {
        Tensor x = Tensor.uniform(GradCheck.reference(), 181, Shape.of(3, 4), -3, 3);
        double worst = GradCheck.check("softplus", in -> Softplus.apply(in[0]), x);
        assertTrue(worst < GradCheck.TOLERANCE, "relative error " + worst);
    }
}

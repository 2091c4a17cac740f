package org.advmusic.engine.testing;

import java.util.function.Function;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Tensor;

/**
 * Gradient checks by central differences on the float64 reference backend (DESIGN.md): for a
 * function {@code f} of some tensors, the loss {@code L = sum(f(inputs) * R)} with a fixed random
 * {@code R}; every analytic partial derivative {@code a} from {@link Autograd#grad} is compared with
 * {@code n = (L(x + h) - L(x - h)) / 2h}, and the check fails when
 * {@code |a - n| / max(|a| + |n|, tiny)} exceeds the tolerance for any element.
 */
public final class GradCheck {
    /** The relative-error bound of DESIGN.md. */
    public static final double TOLERANCE = 1e-6;
    /** Central-difference step. */
    public static final double STEP = 1e-6;
    /** Floor of the denominator, so that two near-zero derivatives compare absolutely. */
    public static final double TINY = 1e-6;

    private GradCheck() {
    }

    /** The reference backend. */
    public static Backend reference() {
        return Backends.reference();
    }

    /**
     * Checks {@code f} at {@code inputs} (reference-backend tensors; each gets requiresGrad).
     *
     * @return the largest relative error seen
     * @throws AssertionError naming the case, the input, the element and both values
     */
    public static double check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.backend() != reference()) {
                throw new IllegalArgumentException(name + ": gradient checks run on the reference backend");
            }
            t.requiresGrad(true);
        }
        Tensor out = f.apply(inputs);
        Tensor weights = Tensor.uniform(reference(), 0xC0FFEEL, out.shape(), -1.0, 1.0);
        Tensor loss = out.mul(weights).sum();
        Tensor[] analytic = Autograd.grad(loss, inputs);

        double worst = 0;
        for (int i = 0; i < inputs.length; i++) {
            double[] a = analytic[i].toDoubleArray();
            double[] x = inputs[i].toDoubleArray();
            for (int j = 0; j < x.length; j++) {
                double saved = x[j];
                double plus = lossAt(f, inputs, i, x, j, saved + STEP, weights);
                double minus = lossAt(f, inputs, i, x, j, saved - STEP, weights);
                x[j] = saved;
                double numeric = (plus - minus) / (2 * STEP);
                double error = Math.abs(a[j] - numeric) / Math.max(Math.abs(a[j]) + Math.abs(numeric), TINY);
                worst = Math.max(worst, error);
                if (error > TOLERANCE) {
                    throw new AssertionError(String.format(
                            "%s: gradient of input %d %s at element %d: analytic %.10g, numeric %.10g, relative error %.3g > %.0e",
                            name, i, inputs[i].shape(), j, a[j], numeric, error, TOLERANCE));
                }
            }
            InPlace.copy(inputs[i], Tensor.fromArray(reference(), x, inputs[i].shape().dims()));
        }
        return worst;
    }

    private static double lossAt(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, double[] values, int element,
                                 double value, Tensor weights) {
        values[element] = value;
        Tensor[] shifted = inputs.clone();
        shifted[which] = Tensor.fromArray(reference(), values, inputs[which].shape().dims());
        try (var ignored = Autograd.noGrad()) {
            return f.apply(shifted).mul(weights).sum().item();
        }
    }
}

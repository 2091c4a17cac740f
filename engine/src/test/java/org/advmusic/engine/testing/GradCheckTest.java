package org.advmusic.engine.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.GradFunction;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;

/** The gradient checker must reject a wrong derivative, or it proves nothing. */
class GradCheckTest {

    /** {@code y = x^3} with the deliberately wrong derivative {@code 3x} instead of {@code 3x^2}. */
    private static Tensor wrongCube(Tensor x) {
        Tensor y;
        try (var ignored = Autograd.noGrad()) {
            y = x.pow(3);
        }
        return Tensor.view(y.shape(), y.buffer()).withGradFunction(new GradFunction(x) {
            @Override
            protected Tensor[] backward(Tensor g, boolean[] needs) {
                return new Tensor[] {g.mul(x).mul(3.0)};
            }
        });
    }

    @Test
    void rejectsAWrongDerivative() {
        Tensor x = TestTensors.uniform(GradCheck.reference(), 1, 0.5, 2, 5);
        AssertionError e = assertThrows(AssertionError.class, () -> GradCheck.check("wrong cube", t -> wrongCube(t[0]), x));
        assertTrue(e.getMessage().contains("wrong cube"), e.getMessage());
    }

    @Test
    void acceptsTheRightDerivative() {
        Tensor x = TestTensors.uniform(GradCheck.reference(), 1, 0.5, 2, 5);
        assertTrue(GradCheck.check("cube", t -> t[0].pow(3), x) < GradCheck.TOLERANCE);
    }
}

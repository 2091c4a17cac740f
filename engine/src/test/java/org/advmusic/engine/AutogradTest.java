package org.advmusic.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.advmusic.engine.ops.Affine;
import org.junit.jupiter.api.Test;

class AutogradTest {
    private final Backend r = Backends.reference();

    @Test
    void backwardAccumulatesIntoLeavesAcrossCalls() {
        Tensor x = Tensor.fromArray(r, new double[] {1, 2, 3}, 3).requiresGrad(true);
        x.mul(x).sum().backward(); // d/dx sum x^2 = 2x
        assertArrayEquals(new double[] {2, 4, 6}, x.grad().toDoubleArray(), 1e-12);
        x.mul(3.0).sum().backward(); // accumulates +3
        assertArrayEquals(new double[] {5, 7, 9}, x.grad().toDoubleArray(), 1e-12);
        x.zeroGrad();
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void aTensorUsedTwiceGetsTheSumOfBothPaths() {
        Tensor x = Tensor.fromArray(r, new double[] {2}, 1).requiresGrad(true);
        Tensor y = x.exp().add(x.mul(x)); // dy/dx = e^x + 2x
        Tensor[] g = Autograd.grad(y.sum(), x);
        assertEquals(Math.exp(2) + 4, g[0].item(), 1e-12);
    }

    @Test
    void gradLeavesParameterGradientsUntouched() {
        Tensor w = Tensor.uniform(r, 1, Shape.of(3, 4), -1, 1).requiresGrad(true);
        Tensor x = Tensor.uniform(r, 2, Shape.of(2, 4), -1, 1).requiresGrad(true);
        Tensor loss = Affine.apply(x, w, null).relu().sum();
        Tensor[] g = Autograd.grad(loss, x);
        assertNotNull(g[0]);
        assertNull(w.grad(), "Autograd.grad must not write parameter gradients");
        assertNull(x.grad());
    }

    @Test
    void gradSkipsWeightGradientsNobodyAskedFor() {
        Tensor w = Tensor.uniform(r, 1, Shape.of(3), -1, 1).requiresGrad(true);
        Tensor x = Tensor.uniform(r, 2, Shape.of(3), -1, 1).requiresGrad(true);
        List<boolean[]> seen = new ArrayList<>();
        Tensor product;
        try (var ignored = Autograd.noGrad()) {
            product = x.mul(w);
        }
        Tensor recorded = Tensor.view(product.shape(), product.buffer()).withGradFunction(new GradFunction(x, w) {
            @Override
            protected Tensor[] backward(Tensor g, boolean[] needs) {
                seen.add(needs.clone());
                return new Tensor[] {needs[0] ? g.mul(w) : null, needs[1] ? g.mul(x) : null};
            }
        });
        Tensor[] g = Autograd.grad(recorded.sum(), x);
        assertArrayEquals(new boolean[] {true, false}, seen.get(0), "only the input gradient may be computed");
        assertArrayEquals(w.toDoubleArray(), g[0].toDoubleArray(), 0);
    }

    @Test
    void gradOfAnIntermediateTensorStopsThere() {
        Tensor x = Tensor.uniform(r, 3, Shape.of(2, 3), -1, 1).requiresGrad(true);
        Tensor hidden = x.mul(2.0).tanh();
        Tensor score = hidden.mul(hidden).sum(); // d score / d hidden = 2 hidden
        Tensor[] g = Autograd.grad(score, hidden);
        assertArrayEquals(hidden.mul(2.0).toDoubleArray(), g[0].toDoubleArray(), 1e-12);
    }

    @Test
    void unusedInputGetsZeroGradient() {
        Tensor x = Tensor.ones(r, Shape.of(2)).requiresGrad(true);
        Tensor unused = Tensor.ones(r, Shape.of(3)).requiresGrad(true);
        Tensor[] g = Autograd.grad(x.sum(), x, unused);
        assertArrayEquals(new double[] {0, 0, 0}, g[1].toDoubleArray(), 0);
    }

    @Test
    void noGradRecordsNothingAndNests() {
        Tensor x = Tensor.ones(r, Shape.of(2)).requiresGrad(true);
        try (var outer = Autograd.noGrad()) {
            try (var inner = Autograd.noGrad()) {
                assertFalse(x.mul(2.0).requiresGrad());
            }
            assertFalse(Autograd.isEnabled());
        }
        assertTrue(Autograd.isEnabled());
        assertTrue(x.mul(2.0).requiresGrad());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.ones(r, Shape.of(2)).requiresGrad(true);
        Tensor y = x.mul(3.0).detach();
        assertFalse(y.requiresGrad());
        assertNull(y.gradFunction());
        assertArrayEquals(new double[] {3, 3}, y.toDoubleArray(), 0);
    }

    @Test
    void nonScalarBackwardNeedsASeed() {
        Tensor x = Tensor.ones(r, Shape.of(2, 2)).requiresGrad(true);
        Tensor y = x.mul(2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("(2, 2)") && e.getMessage().contains("scalar"), e.getMessage());
        y.backward(Tensor.fromArray(r, new double[] {1, 2, 3, 4}, 2, 2));
        assertArrayEquals(new double[] {2, 4, 6, 8}, x.grad().toDoubleArray(), 0);
        assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(r, Shape.of(4))));
    }

    @Test
    void backwardWithoutAnythingToDifferentiateIsAnError() {
        Tensor x = Tensor.ones(r, Shape.of(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.sum().backward());
        assertTrue(e.getMessage().contains("does not require a gradient"), e.getMessage());
    }

    @Test
    void gradOfATensorThatDoesNotRequireItIsAnError() {
        Tensor x = Tensor.ones(r, Shape.of(2)).requiresGrad(true);
        Tensor c = Tensor.ones(r, Shape.of(2));
        assertThrows(IllegalArgumentException.class, () -> Autograd.grad(x.sum(), c));
    }

    @Test
    void onlyLeavesCanBeMarked() {
        Tensor x = Tensor.ones(r, Shape.of(2)).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(2.0).requiresGrad(false));
        assertTrue(e.getMessage().contains("ScaleShift"), e.getMessage());
    }
}

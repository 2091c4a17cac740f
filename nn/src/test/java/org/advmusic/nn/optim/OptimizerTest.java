package org.advmusic.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Parameter;
import org.advmusic.nn.StateDictMismatchException;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer against PyTorch's update rules written out by hand on plain doubles, over three
 * steps with changing gradients.
 */
class OptimizerTest {
    private static final double[] START = {0.5, -1.25, 2.0};
    private static final double[][] GRADIENTS = {{0.1, -0.4, 0.25}, {-0.3, 0.2, 0.05}, {0.02, 0.6, -0.7}};

    private final Backend backend = Backends.reference();

    /** Runs three steps of the optimizer on one parameter and returns its values. */
    private double[] optimise(Function<Map<String, Parameter>, Optimizer> create) {
        Parameter p = new Parameter(Tensor.fromArray(backend, START, 3));
        Optimizer optimizer = create.apply(Map.of("w", p));
        for (double[] g : GRADIENTS) {
            setGradient(p, g);
            optimizer.step();
            optimizer.zeroGrad();
        }
        return p.value().toDoubleArray();
    }

    private void setGradient(Parameter p, double[] g) {
        p.value().mul(Tensor.fromArray(backend, g, g.length)).sum().backward(); // d sum(w g) / dw = g
    }

    @Test
    void sgdWithMomentumAndWeightDecay() {
        double lr = 0.1;
        double momentum = 0.9;
        double decay = 0.01;
        double[] w = START.clone();
        double[] buffer = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADIENTS[t][i] + decay * w[i];
                buffer[i] = t == 0 ? g : momentum * buffer[i] + g;
                w[i] -= lr * buffer[i];
            }
        }
        assertArrayEquals(w, optimise(p -> new Sgd(p, lr, momentum, decay, false)), 1e-14);
    }

    @Test
    void sgdWithNesterovMomentum() {
        double lr = 0.05;
        double momentum = 0.8;
        double[] w = START.clone();
        double[] buffer = new double[3];
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADIENTS[t][i];
                buffer[i] = t == 0 ? g : momentum * buffer[i] + g;
                w[i] -= lr * (g + momentum * buffer[i]);
            }
        }
        assertArrayEquals(w, optimise(p -> new Sgd(p, lr, momentum, 0, true)), 1e-14);
    }

    @Test
    void plainSgd() {
        double[] w = START.clone();
        for (double[] g : GRADIENTS) {
            for (int i = 0; i < 3; i++) {
                w[i] -= 0.2 * g[i];
            }
        }
        assertArrayEquals(w, optimise(p -> new Sgd(p, 0.2)), 1e-15);
    }

    /** PyTorch's Adam / AdamW loop for one parameter. */
    private static double[] adamByHand(double lr, double beta1, double beta2, double eps, double decay, boolean decoupled) {
        double[] w = START.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADIENTS[t - 1][i];
                if (decoupled) {
                    w[i] *= 1 - lr * decay;
                } else {
                    g += decay * w[i];
                }
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double stepSize = lr / (1 - Math.pow(beta1, t));
                double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(beta2, t)) + eps;
                w[i] -= stepSize * m[i] / denominator;
            }
        }
        return w;
    }

    @Test
    void adamWithL2WeightDecay() {
        assertArrayEquals(adamByHand(0.01, 0.9, 0.999, 1e-8, 0.1, false),
                optimise(p -> new Adam(p, 0.01, 0.9, 0.999, 1e-8, 0.1)), 1e-14);
    }

    @Test
    void adamWDecaysTheWeightsDirectly() {
        assertArrayEquals(adamByHand(0.01, 0.8, 0.99, 1e-6, 0.05, true),
                optimise(p -> new AdamW(p, 0.01, 0.8, 0.99, 1e-6, 0.05)), 1e-14);
    }

    @Test
    void adamsFirstStepMovesEachWeightByTheLearningRate() {
        Parameter p = new Parameter(Tensor.fromArray(backend, START, 3));
        Adam adam = new Adam(Map.of("w", p), 0.001);
        setGradient(p, GRADIENTS[0]);
        adam.step();
        double[] w = p.value().toDoubleArray();
        for (int i = 0; i < 3; i++) {
            double g = GRADIENTS[0][i];
            assertEquals(START[i] - 0.001 * g / (Math.abs(g) + 1e-8), w[i], 1e-15); // m / sqrt(v) = g / |g|
        }
    }

    @Test
    void parametersWithoutAGradientAreSkippedAndNotCounted() {
        Parameter used = new Parameter(Tensor.fromArray(backend, START, 3));
        Parameter unused = new Parameter(Tensor.fromArray(backend, START, 3));
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        parameters.put("used", used);
        parameters.put("unused", unused);
        Adam adam = new Adam(parameters, 0.01);
        setGradient(used, GRADIENTS[0]);
        adam.step();
        assertArrayEquals(START, unused.value().toDoubleArray());
        assertEquals(1.0, adam.stateDict().get("used.step").item());
        assertEquals(0.0, adam.stateDict().get("unused.step").item());
        adam.zeroGrad();
        assertNull(used.grad());
    }

    @Test
    void stateDictRoundTripContinuesExactly() {
        Parameter a = new Parameter(Tensor.fromArray(backend, START, 3));
        Adam first = new Adam(Map.of("w", a), 0.01);
        setGradient(a, GRADIENTS[0]);
        first.step();
        first.zeroGrad();
        assertEquals(List.of("w.step", "w.exp_avg", "w.exp_avg_sq"), List.copyOf(first.stateDict().keySet()));

        Parameter b = new Parameter(a.value());
        Adam second = new Adam(Map.of("w", b), 0.01);
        second.loadStateDict(first.stateDict());
        for (Parameter p : List.of(a, b)) {
            setGradient(p, GRADIENTS[1]);
        }
        first.step();
        second.step();
        assertArrayEquals(a.value().toDoubleArray(), b.value().toDoubleArray(), 0.0);
    }

    @Test
    void loadingAStateOfAnotherOptimizerListsTheMismatches() {
        Parameter p = new Parameter(Tensor.fromArray(backend, START, 3));
        Sgd sgd = new Sgd(Map.of("w", p), 0.1, 0.9, 0, false);
        Adam adam = new Adam(Map.of("w", p), 0.1);
        StateDictMismatchException e = assertThrows(StateDictMismatchException.class,
                () -> adam.loadStateDict(sgd.stateDict()));
        assertEquals(List.of("missing w.exp_avg (3,)", "missing w.exp_avg_sq (3,)", "unexpected w.momentum_buffer (3,)"),
                e.problems());
    }

    @Test
    void invalidHyperparametersAreRejectedWithTheValue() {
        Map<String, Parameter> p = Map.of("w", new Parameter(Tensor.fromArray(backend, START, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(p, -1));
        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd(p, 0.1, 0, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new Adam(p, 0.1, 1.0, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(Map.of(), 0.1));
    }
}

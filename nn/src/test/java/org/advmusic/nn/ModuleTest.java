package org.advmusic.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.TestTensors;
import org.advmusic.nn.layers.BatchNorm1d;
import org.advmusic.nn.layers.Dropout;
import org.advmusic.nn.layers.Linear;
import org.advmusic.nn.layers.ReLU;
import org.junit.jupiter.api.Test;

class ModuleTest {
    private final Backend backend = Backends.reference();

    /** Linear(4, 5) -> BatchNorm1d(5) -> ReLU -> Dropout -> Linear(5, 3), like a small PyTorch Sequential. */
    private Sequential network() {
        return new Sequential(new Linear(backend, 4, 5, 1), new BatchNorm1d(backend, 5), new ReLU(),
                new Dropout(0.5, 2), new Linear(backend, 5, 3, 3));
    }

    @Test
    void stateDictUsesPyTorchDottedNamesInPyTorchOrder() {
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "4.weight", "4.bias"), List.copyOf(network().stateDict().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"),
                List.copyOf(network().namedParameters().keySet()));
        assertEquals(4 * 5 + 5 + 5 + 5 + 5 * 3 + 3, network().parameterCount());
    }

    @Test
    void trainAndEvalSwitchEverySubmodule() {
        Sequential net = network();
        net.eval();
        assertTrue(net.namedModules().values().stream().noneMatch(Module::isTraining));
        net.train();
        assertTrue(net.namedModules().values().stream().allMatch(Module::isTraining));
    }

    @Test
    void capturedActivationsStayInTheGraphForGradients() {
        Sequential net = network();
        net.eval();
        Tensor x = TestTensors.uniform(backend, 4, -1, 1, 2, 4);
        ForwardResult result = net.forward(x, Set.of("2"));
        Tensor hidden = result.activation("2");                       // (2, 5), the ReLU output
        Tensor weights = TestTensors.uniform(backend, 5, -1, 1, 2, 3);
        Tensor score = result.output().mul(weights).sum();

        Tensor gradient = Autograd.grad(score, hidden)[0];

        // score = sum((h W^T + b) * R): d score / d h = R W
        Tensor expected = weights.matmul(net.namedParameters().get("4.weight").value());
        assertArrayEquals(expected.toDoubleArray(), gradient.toDoubleArray(), 1e-12);
        assertArrayEquals(net.forward(x).toDoubleArray(), result.output().toDoubleArray(), 1e-15);
    }

    @Test
    void unknownCapturePathsAreAllNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> network().forward(Tensor.zeros(backend, Shape.of(2, 4)), Set.of("9", "0.nothing")));
        assertTrue(e.getMessage().contains("[0.nothing, 9]") && e.getMessage().contains("known paths: [0, 1, 2, 3, 4]"),
                e.getMessage());
    }

    @Test
    void loadStateDictCopiesValuesAndRejectsEveryMismatchAtOnce() {
        Sequential source = network();
        Sequential target = new Sequential(new Linear(backend, 4, 5, 7), new BatchNorm1d(backend, 5), new ReLU(),
                new Dropout(0.5, 2), new Linear(backend, 5, 3, 8));
        target.loadStateDict(source.stateDict());
        assertArrayEquals(source.stateDict().get("4.weight").toDoubleArray(),
                target.stateDict().get("4.weight").toDoubleArray());

        Map<String, Tensor> broken = new LinkedHashMap<>(source.stateDict());
        broken.remove("0.bias");
        broken.put("4.weight", Tensor.zeros(backend, Shape.of(2, 5)));
        broken.put("5.weight", Tensor.zeros(backend, Shape.of(1)));
        StateDictMismatchException e = assertThrows(StateDictMismatchException.class, () -> target.loadStateDict(broken));
        assertEquals(List.of("missing 0.bias (5,)", "shape of 4.weight is (2, 5), expected (3, 5)", "unexpected 5.weight (1,)"),
                e.problems());
    }

    @Test
    void parametersOutliveTheScopeTheModuleWasBuiltIn() {
        Sequential net;
        try (MemoryScope ignored = MemoryScope.open()) {
            net = network();
        }
        assertEquals(3, net.forward(Tensor.ones(backend, Shape.of(2, 4))).dim(1));
    }

    @Test
    void randomStreamsCoverEveryStochasticModule() {
        Sequential net = network();
        net.forward(Tensor.ones(backend, Shape.of(2, 4)));
        assertEquals(Map.of("3", new Stochastic.RandomStream(2, 1)), net.randomStreams());
        net.restoreRandomStreams(Map.of("3", new Stochastic.RandomStream(5, 0)));
        assertEquals(Map.of("3", new Stochastic.RandomStream(5, 0)), net.randomStreams());
        assertThrows(IllegalArgumentException.class,
                () -> net.restoreRandomStreams(Map.of("2", new Stochastic.RandomStream(2, 0))));
    }

    @Test
    void partNamesMustBeUniqueAndUndotted() {
        Module m = new Module() {
            {
                addModule("a", new ReLU());
                assertThrows(IllegalArgumentException.class, () -> addModule("a", new ReLU()));
                assertThrows(IllegalArgumentException.class, () -> addModule("b.c", new ReLU()));
            }

            @Override
            protected Tensor compute(Tensor input, Capture capture) {
                return input;
            }
        };
        assertFalse(m.namedModules().containsKey("b.c"));
    }
}

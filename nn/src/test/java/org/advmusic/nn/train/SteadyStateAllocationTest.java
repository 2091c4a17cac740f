package org.advmusic.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.backend.cpu.CpuBackend;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.optim.Adam;
import org.junit.jupiter.api.Test;

/**
 * Once warm, the loops that benchmarks time allocate no arrays on the Java heap: a training step
 * (forward, backward, Adam), an attack step (forward and input-only backward in evaluation mode) and
 * an inference pass of the genre CNN on the CPU backend take every buffer from the recycler. Arrays
 * allocated per step were issue 21's G1 humongous-allocation pauses (a full-size activation is
 * hundreds of megabytes); {@link CpuBackend#freshlyAllocatedFloats()} counts them.
 */
class SteadyStateAllocationTest {
    private static final int BATCH = 4;

    @Test
    void warmTrainingAndAttackStepsAllocateNoFreshArrays() {
        CpuBackend cpu = new CpuBackend(2);
        // half width: 16 to 128 channels, so the Winograd convolutions and their kernel cache take part
        GenreCnn model = new GenreCnn(Shape.of(1, 32, 36), 10, 0.5, cpu, 3);
        Adam adam = new Adam(model.namedParameters(), 1e-3);
        CrossEntropyLoss loss = new CrossEntropyLoss(0);
        Tensor x;
        try (MemoryScope ignored = MemoryScope.persistent()) {
            x = Tensor.rand(cpu, 5, Shape.of(BATCH, 1, 32, 36));
        }
        int[] labels = {0, 1, 2, 3};
        Runnable trainingStep = () -> {
            model.train();
            try (MemoryScope s = MemoryScope.open()) {
                loss.mean(model.forward(x), labels).backward();
                adam.step();
                adam.zeroGrad();
            }
        };
        Runnable attackStep = () -> {
            model.eval();
            try (MemoryScope s = MemoryScope.open()) {
                Tensor input = x.detach().requiresGrad(true);
                Autograd.grad(loss.mean(model.forward(input), labels), input);
            }
        };
        Runnable inference = () -> {
            model.eval();
            try (MemoryScope s = MemoryScope.open(); var noGrad = Autograd.noGrad()) {
                model.forward(x).toFloatArray();
            }
        };
        for (int warm = 0; warm < 2; warm++) { // the first rounds fill the recycler and Adam's moments
            trainingStep.run();
            attackStep.run();
            inference.run();
        }
        long before = cpu.freshlyAllocatedFloats();
        for (int round = 0; round < 3; round++) {
            trainingStep.run();
            attackStep.run();
            inference.run();
        }
        assertEquals(0, cpu.freshlyAllocatedFloats() - before,
                "floats allocated fresh by three warm rounds of training step, attack step and inference");
    }
}

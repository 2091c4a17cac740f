package org.advmusic.nn.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.testing.GradCheck;
import org.advmusic.engine.testing.TestTensors;
import org.advmusic.nn.ModuleGradCheck;
import org.advmusic.nn.SeedSequence;
import org.junit.jupiter.api.Test;

/** Gradient checks of the models' building blocks and of tiny whole models, in training mode. */
class ModelGradientCheckTest {
    private final Backend r = GradCheck.reference();

    @Test
    void basicBlockWithDownsample() {
        BasicBlock block = new BasicBlock(r, 2, 3, 2, new SeedSequence(1));
        assertTrue(ModuleGradCheck.check("basic block", block, TestTensors.uniform(r, 2, -1, 1, 2, 2, 5, 5))
                <= GradCheck.TOLERANCE);
    }

    @Test
    void genreCnnBlock() {
        GenreCnnBlock block = new GenreCnnBlock(r, 2, 3, 0.15, new SeedSequence(3));
        // the convolution biases feed batch norms, so their exact gradient is 0 and is left out
        assertTrue(ModuleGradCheck.check("GenreCnn block", block, TestTensors.uniform(r, 4, -1, 1, 2, 2, 4, 6),
                List.of("conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias"))
                <= GradCheck.TOLERANCE);
    }

    @Test
    void tinyGenreCnnWithDropout() {
        GenreCnn model = new GenreCnn(Shape.of(1, 16, 16), 3, new GenreCnn.Options(0.0625, 0.15, 8, 0.5), r, 5);
        assertTrue(ModuleGradCheck.check("tiny GenreCnn", model, TestTensors.uniform(r, 6, 0, 1, 2, 1, 16, 16),
                List.of("features.0.conv1.weight", "features.3.bn2.weight", "classifier.0.weight", "classifier.3.bias"))
                <= GradCheck.TOLERANCE);
    }

    @Test
    void mlpWithDropout() {
        Mlp model = new Mlp(Shape.of(5), 3, new Mlp.Options(List.of(6, 4), 0.2, false), r, 7);
        assertTrue(ModuleGradCheck.check("Mlp", model, TestTensors.uniform(r, 8, -1, 1, 4, 5)) <= GradCheck.TOLERANCE);
    }
}

package org.advmusic.nn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.TestData;
import org.advmusic.nn.checkpoint.CheckpointException;
import org.advmusic.nn.models.ResNet18;
import org.junit.jupiter.api.Test;

/** ImageNet transfer: torchvision's layout loaded into a one-channel, 10-class ResNet18. */
class TorchvisionResNet18Test {
    private static final String NARROW = "resnet18-imagenet-narrow";

    @Test
    void featuresOfTheSummedFirstConvolutionEqualPyTorchsOnTheGreyImageCopiedToThreeChannels() throws IOException {
        ResNet18 model = new ResNet18(Shape.of(1, 64, 66), 10, 0.125, TestData.BACKEND, 5);
        TorchvisionResNet18.loadImageNetWeights(model, TorchFixtures.file(NARROW + ".safetensors"));
        model.eval();
        Map<String, Tensor> expected = TorchFixtures.expected(NARROW);

        Tensor features = model.forward(expected.get("input"), Set.of("avgpool")).activations().get("avgpool");

        assertTrue(TorchFixtures.relativeError(features.toDoubleArray(), expected.get("features").toDoubleArray()) < 1e-9);
    }

    @Test
    void theClassifierIsANewTenClassLayer() throws IOException {
        ResNet18 model = new ResNet18(Shape.of(1, 64, 66), 10, 0.125, TestData.BACKEND, 5);
        ResNet18 fresh = new ResNet18(Shape.of(1, 64, 66), 10, 0.125, TestData.BACKEND, 5);
        TorchvisionResNet18.loadImageNetWeights(model, TorchFixtures.file(NARROW + ".safetensors"));

        assertEquals(Shape.of(10, 64), model.stateDict().get("fc.weight").shape());
        assertArrayEquals(fresh.stateDict().get("fc.weight").toDoubleArray(),
                model.stateDict().get("fc.weight").toDoubleArray(), 0.0);
        assertEquals(7.0, model.stateDict().get("layer1.0.bn1.num_batches_tracked").item());
    }

    @Test
    void theFullWidthLayoutIsTorchvisionsResNet18() {
        ResNet18 model = new ResNet18(Shape.of(1, 128, 130), 10, TestData.BACKEND, 1);
        Map<String, Shape> layout = TorchvisionResNet18.imageNetLayout(model);

        assertEquals(Shape.of(64, 3, 7, 7), layout.get("conv1.weight"));
        assertEquals(Shape.of(1000, 512), layout.get("fc.weight"));
        long parameters = layout.entrySet().stream().filter(e -> !e.getKey().contains("running")
                && !e.getKey().endsWith("num_batches_tracked")).mapToLong(e -> e.getValue().size()).sum();
        assertEquals(11_689_512, parameters, "torchvision's resnet18 has 11,689,512 parameters");
    }

    @Test
    void aFileOfAnotherLayoutNamesTheFirstMismatchedTensorAndItsShape() {
        ResNet18 model = new ResNet18(Shape.of(1, 64, 66), 10, 0.125, TestData.BACKEND, 5);
        CheckpointException oneChannel = assertThrows(CheckpointException.class,
                () -> TorchvisionResNet18.loadImageNetWeights(model, TorchFixtures.file("resnet18.safetensors")));
        assertTrue(oneChannel.getMessage().contains("conv1.weight has shape (8, 1, 7, 7), expected (8, 3, 7, 7)"),
                oneChannel.getMessage());

        CheckpointException cnn = assertThrows(CheckpointException.class,
                () -> TorchvisionResNet18.loadImageNetWeights(model, TorchFixtures.file("genre-cnn.safetensors")));
        assertTrue(cnn.getMessage().contains("tensor features.0.conv1.weight (8, 1, 3, 3) is not part of it"),
                cnn.getMessage());

        ResNet18 wide = new ResNet18(Shape.of(1, 64, 66), 10, 0.25, TestData.BACKEND, 5);
        CheckpointException width = assertThrows(CheckpointException.class,
                () -> TorchvisionResNet18.loadImageNetWeights(wide, TorchFixtures.file(NARROW + ".safetensors")));
        assertTrue(width.getMessage().contains("conv1.weight has shape (8, 3, 7, 7), expected (16, 3, 7, 7)"),
                width.getMessage());
    }
}

package org.advmusic.nn.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Model;
import org.advmusic.nn.TestData;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.checkpoint.CheckpointException;
import org.advmusic.nn.checkpoint.InputNormalization;
import org.advmusic.nn.checkpoint.ModelSpec;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.models.ResNet18;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PyTorch state dicts (written by make_fixtures.py) imported and run: the logits equal PyTorch's. */
class TorchImportTest {
    private static final InputNormalization FIXED_DB = new InputNormalization(
            "log-mel dB mapped from [-80, 0] to [0, 1], clipped", Map.of("min_db", -80.0, "max_db", 0.0));

    @TempDir
    Path dir;

    private static TorchImport.Request request(String fixture, String architecture, Shape inputShape, List<String> classes) {
        return new TorchImport.Request(TorchFixtures.file(fixture + ".safetensors"), architecture, Map.of(), inputShape,
                classes, FIXED_DB);
    }

    @ParameterizedTest
    @CsvSource({"genre-cnn, GenreCnn, 1 32 40", "resnet18, ResNet18, 1 64 66", "mlp, Mlp, 57"})
    void logitsEqualPyTorchsOnTheSameInput(String fixture, String architecture, String shape) throws IOException {
        int[] dims = java.util.Arrays.stream(shape.split(" ")).mapToInt(Integer::parseInt).toArray();
        Model model = TorchImport.load(request(fixture, architecture, Shape.of(dims), TestData.GENRES), TestData.BACKEND).model();
        Map<String, Tensor> expected = TorchFixtures.expected(fixture);

        double[] logits = model.forward(expected.get("input")).toDoubleArray();

        assertEquals(architecture, model.architecture());
        assertTrue(TorchFixtures.relativeError(logits, expected.get("logits").toDoubleArray()) < 1e-9,
                () -> "logits differ from PyTorch's: " + java.util.Arrays.toString(logits));
    }

    @Test
    void hyperparametersAreReadOffTheShapes() throws IOException {
        GenreCnn cnn = (GenreCnn) TorchImport.load(request("genre-cnn", "GenreCnn", Shape.of(1, 32, 40), TestData.GENRES),
                TestData.BACKEND).model();
        assertEquals(0.25, cnn.options().widthMultiplier());
        assertEquals(32, cnn.options().denseUnits());
        ResNet18 resNet = (ResNet18) TorchImport.load(request("resnet18", "ResNet18", Shape.of(1, 64, 66), TestData.GENRES),
                TestData.BACKEND).model();
        assertEquals(0.125, resNet.widthMultiplier());
        Mlp mlp = (Mlp) TorchImport.load(request("mlp", "Mlp", Shape.of(57), TestData.GENRES), TestData.BACKEND).model();
        assertEquals(new Mlp.Options(List.of(32, 16), TorchHyperparameters.ASSUMED_MLP_DROPOUT, true),
                new Mlp.Options(List.of(32, 16), (double) mlp.hyperparameters().get("dropout"),
                        (boolean) mlp.hyperparameters().get("batchNorm")));
    }

    @Test
    void importIntoWritesACheckpointThatLoadsWithTheDeclaredSpec() throws IOException {
        TorchImport.Request request = request("genre-cnn", "GenreCnn", Shape.of(1, 32, 40), TestData.GENRES);
        ModelSpec spec = TorchImport.importInto(request, dir, TestData.BACKEND);

        Checkpoint.Loaded loaded = Checkpoint.load(dir, TestData.BACKEND);
        assertEquals(spec, loaded.spec());
        assertEquals(TestData.GENRES, loaded.spec().classNames());
        assertEquals(FIXED_DB, loaded.spec().inputNormalization());
        loaded.model().eval();
        Map<String, Tensor> expected = TorchFixtures.expected("genre-cnn");
        assertArrayEquals(expected.get("logits").toDoubleArray(),
                loaded.model().forward(expected.get("input")).toDoubleArray(), 1e-9);
    }

    @Test
    void shapesThatDoNotFitTheDeclaredInputNameTheFirstMismatchedTensor() {
        CheckpointException channels = assertThrows(CheckpointException.class, () -> TorchImport.load(
                request("genre-cnn", "GenreCnn", Shape.of(3, 32, 40), TestData.GENRES), TestData.BACKEND));
        assertTrue(channels.getMessage().contains("features.0.conv1.weight has shape (8, 1, 3, 3), expected (8, 3, 3, 3)"),
                channels.getMessage());

        CheckpointException features = assertThrows(CheckpointException.class, () -> TorchImport.load(
                request("mlp", "Mlp", Shape.of(20), TestData.GENRES), TestData.BACKEND));
        assertTrue(features.getMessage().contains("layers.0.weight has shape (32, 57), expected (32, 20)"),
                features.getMessage());

        CheckpointException classes = assertThrows(CheckpointException.class, () -> TorchImport.load(
                request("mlp", "Mlp", Shape.of(57), TestData.GENRES.subList(0, 4)), TestData.BACKEND));
        assertTrue(classes.getMessage().contains("layers.8.weight has shape (10, 16), expected (4, 16)"),
                classes.getMessage());
    }

    @Test
    void aFileOfAnotherArchitectureOrAnUnknownArchitectureIsRefusedWithoutWritingAnything() {
        CheckpointException wrong = assertThrows(CheckpointException.class, () -> TorchImport.importInto(
                request("mlp", "GenreCnn", Shape.of(1, 32, 40), TestData.GENRES), dir, TestData.BACKEND));
        assertTrue(wrong.getMessage().contains("mlp.safetensors") && wrong.getMessage().contains("features.0.conv1.weight"),
                wrong.getMessage());
        CheckpointException unknown = assertThrows(CheckpointException.class, () -> TorchImport.load(
                request("mlp", "VGG16", Shape.of(57), TestData.GENRES), TestData.BACKEND));
        assertTrue(unknown.getMessage().contains("VGG16"), unknown.getMessage());
        assertFalse(Files.exists(dir.resolve(Checkpoint.SPEC_FILE)));
    }
}

package org.advmusic.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.nn.Model;
import org.advmusic.nn.TestData;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.models.ResNet18;
import org.advmusic.nn.optim.Adam;
import org.advmusic.nn.train.Trainer;
import org.advmusic.nn.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    private static final InputNormalization LOG_MEL = new InputNormalization(
            "log-mel dB mapped from [-80, 0] to [0, 1], clipped", Map.of("low_db", -80.0, "high_db", 0.0));

    @TempDir
    Path dir;

    /** A narrow GenreCnn after two training epochs, so batch-norm statistics and weights are far from their initial values. */
    private GenreCnn trainedModel() {
        GenreCnn model = new GenreCnn(Shape.of(1, 16, 16), 10, 0.25, TestData.BACKEND, 1);
        new Trainer(model, new Adam(model.namedParameters(), 1e-2), new TrainingOptions(2, 8, 1))
                .fit(TestData.bandImages(TestData.BACKEND, 16, 10, 16, 16, 2));
        return model;
    }

    @Test
    void roundTripIsBitExactAndRebuildsTheArchitectureFromTheSpec() throws IOException {
        GenreCnn model = trainedModel();
        ModelSpec spec = ModelSpec.of(model, TestData.GENRES, LOG_MEL);
        Checkpoint.save(dir, model, spec);

        Checkpoint.Loaded loaded = Checkpoint.load(dir, TestData.BACKEND);

        assertEquals(spec, loaded.spec());
        assertInstanceOf(GenreCnn.class, loaded.model());
        Map<String, Tensor> expected = model.stateDict();
        Map<String, Tensor> actual = loaded.model().stateDict();
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, t) -> assertArrayEquals(t.toDoubleArray(), actual.get(name).toDoubleArray(), 0.0, name));
        Tensor x = TestData.bandImages(TestData.BACKEND, 4, 10, 16, 16, 3).inputs();
        model.eval();
        loaded.model().eval();
        assertArrayEquals(model.forward(x).toDoubleArray(), loaded.model().forward(x).toDoubleArray(), 0.0);
    }

    @Test
    void filesAreASafetensorsStateDictAndAReadableJsonSpec() throws IOException {
        Mlp model = new Mlp(Shape.of(57), 10, new Mlp.Options(List.of(32, 16), 0.2, true), TestData.BACKEND, 4);
        Checkpoint.save(dir, model, ModelSpec.of(model, TestData.GENRES, InputNormalization.none()).withDefense(
                Map.of("kind", "feature squeezing", "bits", 4)));

        Map<String, Tensor> tensors = Safetensors.read(dir.resolve(Checkpoint.WEIGHTS_FILE), TestData.BACKEND);
        assertEquals(List.copyOf(model.stateDict().keySet()), List.copyOf(tensors.keySet()));
        String json = Files.readString(dir.resolve(Checkpoint.SPEC_FILE));
        assertTrue(json.contains("\"architecture\" : \"Mlp\"") && json.contains("\"hiddenUnits\" : [ 32, 16 ]")
                && json.contains("\"classNames\""), json);
        assertEquals(Map.of("kind", "feature squeezing", "bits", 4), Checkpoint.readSpec(dir).defense());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void loadingIntoAnotherArchitectureIsAClearError() throws IOException {
        GenreCnn model = new GenreCnn(Shape.of(1, 32, 32), 10, 0.25, TestData.BACKEND, 1);
        Checkpoint.save(dir, model, ModelSpec.of(model, TestData.GENRES, LOG_MEL));
        Model other = new ResNet18(Shape.of(1, 32, 32), 10, TestData.BACKEND, 1);

        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.loadInto(dir, other));

        assertTrue(e.getMessage().contains("holds a GenreCnn model but the target is a ResNet18"), e.getMessage());
    }

    @Test
    void everyDifferenceIsReportedAtOnce() throws IOException {
        GenreCnn saved = new GenreCnn(Shape.of(1, 32, 32), 10, 0.25, TestData.BACKEND, 1);
        Checkpoint.save(dir, saved, ModelSpec.of(saved, TestData.GENRES, LOG_MEL));
        GenreCnn wider = new GenreCnn(Shape.of(1, 32, 32), 10, 0.5, TestData.BACKEND, 1);

        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.loadInto(dir, wider));

        String message = e.getMessage();
        assertTrue(message.contains("hyperparameters are {"), message);
        assertTrue(message.contains("shape of features.0.conv1.weight is (8, 1, 3, 3), expected (16, 1, 3, 3)"), message);
        assertTrue(message.contains("shape of classifier.0.weight is (512, 64), expected (512, 128)"), message);
        assertTrue(message.lines().count() > 40, "all mismatched tensors are listed: " + message);
    }

    @Test
    void missingOrCorruptFilesAreReportedByPath() throws IOException {
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> Checkpoint.load(dir, TestData.BACKEND));
        assertTrue(missing.getMessage().startsWith(dir.toString()) && missing.getMessage().contains("model.json"),
                missing.getMessage());

        Files.writeString(dir.resolve(Checkpoint.SPEC_FILE), "{\"architecture\": \"GenreCnn\"");
        CheckpointException corrupt = assertThrows(CheckpointException.class,
                () -> Checkpoint.load(dir, TestData.BACKEND));
        assertTrue(corrupt.getMessage().contains(Checkpoint.SPEC_FILE), corrupt.getMessage());
    }

    @Test
    void aSpecThatDoesNotDescribeTheModelIsRefused() {
        GenreCnn model = new GenreCnn(Shape.of(1, 32, 32), 10, 0.25, TestData.BACKEND, 1);
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.of(model, List.of("a", "b"), LOG_MEL));
        ModelSpec forResNet = new ModelSpec("ResNet18", Map.of(), List.of(1, 32, 32), TestData.GENRES, LOG_MEL, null);
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(dir, model, forResNet));
    }
}

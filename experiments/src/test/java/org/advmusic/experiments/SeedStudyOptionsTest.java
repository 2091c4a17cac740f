package org.advmusic.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.cli.Commands;
import org.advmusic.experiments.config.ConfigException;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.DataStage;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.results.RunMetrics;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.checkpoint.ModelSpec;
import org.advmusic.nn.models.GenreCnn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The seed studies' options on the command line: import, pretrained weights, preprocessing, their bad inputs. */
class SeedStudyOptionsTest {
    private static final List<String> GENRES = List.of("blues", "classical", "country", "disco", "hiphop", "jazz", "metal",
            "pop", "reggae", "rock");
    @TempDir
    static Path dir;
    /** A GenreCnn state dict in PyTorch's names and order (nn's TorchImportTest checks them against PyTorch itself). */
    static Path stateDict;

    @BeforeAll
    static void writeAStateDict() throws Exception {
        stateDict = dir.resolve("genre-cnn.safetensors");
        GenreCnn model = new GenreCnn(Shape.of(1, 128, 130), 10, new GenreCnn.Options(0.25, 0.15, 32, 0.5),
                Backends.get("cpu"), 3);
        Safetensors.write(stateDict, model.stateDict(), Map.of("format", "pt"));
    }

    private static List<String> tinyData(String... more) {
        List<String> args = new ArrayList<>(List.of("--device", "cpu", "--set", "data.path=" + dir.resolve("data"),
                "--set", "data.cache=" + dir.resolve("cache"), "--set", "data.synthetic.tracks_per_genre=3",
                "--set", "data.synthetic.seconds=3"));
        args.addAll(List.of(more));
        return args;
    }

    private record Outcome(int status, String errors) {
    }

    private static Outcome execute(String command, List<String> args) {
        CommandLine line = Commands.commandLine(new Main());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        return new Outcome(line.execute(all.toArray(String[]::new)), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importMakesAPyTorchStateDictTheRunsMeasuredBaseline() throws Exception {
        Path run = dir.resolve("imported");
        Outcome outcome = execute("import", tinyData("--weights", stateDict.toString(), "--out", run.toString()));

        assertEquals(0, outcome.status(), outcome.errors());
        Path checkpoint = run.resolve("checkpoints/baseline");
        assertEquals("GenreCnn", Checkpoint.readSpec(checkpoint).architecture());
        assertEquals(32, ((Number) Checkpoint.readSpec(checkpoint).hyperparameters().get("denseUnits")).intValue());
        RunMetrics metrics = RunMetrics.read(run.resolve("metrics.json"));
        assertTrue(metrics.model("baseline").checkpoint() != null && metrics.model("baseline").clean() != null);
    }

    /** Runs {@code import} of the state dict into {@code run} with {@code flags}; it must fail: returns its errors. */
    private static String refusedImport(Path run, String... flags) {
        List<String> args = new ArrayList<>(List.of("--weights", stateDict.toString(), "--out", run.toString()));
        args.addAll(List.of(flags));
        Outcome outcome = execute("import", tinyData(args.toArray(String[]::new)));
        assertEquals(2, outcome.status(), outcome.errors());
        return outcome.errors();
    }

    @Test
    void anImportWhoseShapesDoNotFitIsRefusedAndWritesNoCheckpoint() {
        Path run = dir.resolve("bad-import");
        String errors = refusedImport(run, "--architecture", "ResNet18");

        assertTrue(errors.contains("genre-cnn.safetensors") && errors.contains("conv1.weight"), errors);
        assertFalse(Files.exists(run.resolve("checkpoints/baseline/model.json")));
    }

    @Test
    void importTakesTheInputShapeClassesAndPreprocessingFromTheCommandLine() throws Exception {
        Path run = dir.resolve("declared");
        Outcome outcome = execute("import", tinyData("--weights", stateDict.toString(), "--input-shape", "1,128,130",
                "--classes", String.join(",", GENRES), "--preprocessing", "standardize", "--out", run.toString()));

        assertEquals(0, outcome.status(), outcome.errors());
        ModelSpec spec = Checkpoint.readSpec(run.resolve("checkpoints/baseline"));
        assertEquals(List.of(1, 128, 130), spec.inputShape());
        assertEquals(GENRES, spec.classNames());
        assertEquals("standardize", spec.inputNormalization().parameters().get("preprocessing"), "the data prepared as declared");
    }

    @Test
    void aDeclaredInputTheWeightsOrTheDataDoNotFitIsRefusedAndWritesNoCheckpoint() {
        Path run = dir.resolve("declared-bad");
        String channels = refusedImport(run, "--input-shape", "2,128,130");
        assertTrue(channels.contains("genre-cnn.safetensors") && channels.contains("taking inputs (2, 128, 130)")
                && channels.contains("has shape (8, 1, 3, 3), expected (8, 2, 3, 3)"), channels);

        String data = refusedImport(run, "--input-shape", "1,64,130");
        assertTrue(data.contains("(1, 64, 130) fits") && data.contains("give inputs (1, 128, 130)"),
                "global pooling takes any height: the data are what does not fit\n" + data);

        List<String> swapped = new ArrayList<>(GENRES);
        java.util.Collections.swap(swapped, 0, 1);
        String order = refusedImport(run, "--classes", String.join(",", swapped));
        assertTrue(order.contains("[classical, blues,") && order.contains("in this order"), order);

        String malformed = refusedImport(run, "--input-shape", "0,128");
        assertTrue(malformed.contains("--input-shape 0,128: expected C,H,W"), malformed);
        assertFalse(Files.exists(run.resolve("checkpoints/baseline/model.json")));
    }

    @Test
    void importIntoAStudyNamesItsModel() throws Exception {
        Path run = dir.resolve("study-import");
        List<String> study = List.of("--config", "gtzan-study-demo", "--weights", stateDict.toString(), "--out", run.toString(),
                "--set", "defenses.evaluation_epsilons=[0.01]", "--set", "study.table5_epsilon=0.01");
        Outcome unnamed = execute("import", tinyData(study.toArray(String[]::new)));
        assertEquals(2, unnamed.status());
        assertTrue(unnamed.errors().contains("is a study of models [cnn, resnet18]") && unnamed.errors().contains("--model"),
                unnamed.errors());

        List<String> named = new ArrayList<>(study);
        named.addAll(List.of("--model", "cnn"));
        Outcome outcome = execute("import", tinyData(named.toArray(String[]::new)));
        assertEquals(0, outcome.status(), outcome.errors());
        assertEquals("GenreCnn", Checkpoint.readSpec(run.resolve("cnn/checkpoints/baseline")).architecture());
        assertFalse(Files.exists(run.resolve("resnet18/checkpoints")), "the other model is left alone");
        assertTrue(Files.readString(run.resolve("tables/table1-clean-accuracy.csv")).contains("cnn,GenreCnn"));
    }

    @Test
    void aPretrainedFileOfAnotherLayoutStopsTrainingBeforeItStarts() {
        Path run = dir.resolve("pretrained");
        Outcome outcome = execute("train", tinyData("--set", "model.architecture=ResNet18", "--set", "model.width=0.125",
                "--set", "model.pretrained=" + stateDict, "--out", run.toString()));

        assertEquals(2, outcome.status());
        assertTrue(outcome.errors().contains("tensor features.0.conv1.weight (8, 1, 3, 3) is not part of it"),
                outcome.errors());
        assertFalse(Files.exists(run.resolve("checkpoints/baseline")));
    }

    @Test
    void standardisedSpectrogramsTakeTheirBoxFromTheTrainingSplitAndSayWhatEpsilonMeans() {
        ExperimentConfig config = ConfigLoader.load("demo", List.of("data.path=" + dir.resolve("data"),
                "data.cache=" + dir.resolve("cache"), "data.synthetic.tracks_per_genre=3", "data.synthetic.seconds=3",
                "data.preprocessing=standardize"));
        PreparedData data = DataStage.prepare(config.data(), config.model(), Backends.get("cpu")).data();

        assertTrue(data.box().lower() < -1 && data.box().upper() > 1, "box " + data.box());
        assertTrue(data.box().unit().startsWith("1 = one standard deviation of the segment's dB values, median"),
                data.box().unit());
        assertTrue(Double.isNaN(data.decibelsPerUnit()), "no single dB scale");
        double[] first = data.train().data().inputs().selectRowsDetached(0).toDoubleArray();
        double mean = java.util.Arrays.stream(first).average().orElseThrow();
        assertEquals(0, mean, 1e-4);
        assertEquals("standardize", data.normalization().parameters().get("preprocessing"));
    }

    @Test
    void theFixedMapStatesEightyDecibelsPerUnitInItsThreatModels() {
        ExperimentConfig config = ConfigLoader.load("demo", List.of("data.path=" + dir.resolve("data"),
                "data.cache=" + dir.resolve("cache"), "data.synthetic.tracks_per_genre=3", "data.synthetic.seconds=3"));
        PreparedData data = DataStage.prepare(config.data(), config.model(), Backends.get("cpu")).data();

        assertEquals(0, data.box().lower());
        assertEquals(1, data.box().upper());
        assertEquals(80, data.decibelsPerUnit());
        assertTrue(data.box().unit().contains("80 dB"), data.box().unit());
    }

    @Test
    void badSeedStudyOptionsAreConfigErrors() {
        ConfigException preprocessing = assertThrows(ConfigException.class,
                () -> ConfigLoader.load("demo", List.of("data.preprocessing=zscore")));
        assertTrue(preprocessing.getMessage().contains("zscore"), preprocessing.getMessage());
        ConfigException pretrained = assertThrows(ConfigException.class,
                () -> ConfigLoader.load("demo", List.of("model.pretrained=weights.safetensors")));
        assertTrue(pretrained.getMessage().contains("ResNet18 only"), pretrained.getMessage());
        ConfigException width = assertThrows(ConfigException.class,
                () -> ConfigLoader.load("gtzan-resnet18", List.of("model.width=2")));
        assertTrue(width.getMessage().contains("model.width"), width.getMessage());
        ConfigException cam = assertThrows(ConfigException.class,
                () -> ConfigLoader.load("demo", List.of("gradcam.explained_class=label")));
        assertTrue(cam.getMessage().contains("gradcam.explained_class"), cam.getMessage());
    }

    @Test
    void theResNet18ConfigIsSeed002sRecipe() {
        var c = ConfigLoader.load("gtzan-resnet18", List.of());
        assertEquals("ResNet18", c.model().architecture());
        assertEquals(1e-3, c.training().learningRate());
        assertEquals(1e-4, c.training().weightDecay());
        assertEquals(0.5, c.training().plateauFactor());
        assertEquals(5, c.training().plateauPatience());
        assertEquals(100, c.training().epochs());
        assertEquals(20, c.training().earlyStoppingPatience());
        assertTrue(c.defenses().squeezedMixed() && c.defenses().squeezedPure());
    }
}

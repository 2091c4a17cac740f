package org.advmusic.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.advmusic.experiments.config.ConfigException;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir
    Path dir;

    @Test
    void everyConfigInTheConfigsFolderParses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "configs found: " + files);
        for (Path f : files) {
            ExperimentConfig config = ConfigLoader.load(f.toString(), List.of());
            assertEquals(f.getFileName().toString().replace(".json", ""), config.name(), "name of " + f);
        }
        for (String name : ConfigLoader.BUILT_IN) {
            assertTrue(Files.isRegularFile(Path.of("configs", name + ".json")), "built-in " + name + " has a file");
            assertEquals(name, ConfigLoader.load(name, List.of()).name());
        }
    }

    @Test
    void theSeedSettingsAreTheGtzanConfig() {
        ExperimentConfig c = ConfigLoader.load("gtzan-cnn", List.of());
        assertEquals("GenreCnn", c.model().architecture());
        assertEquals(1.0, c.model().width());
        assertEquals(5e-4, c.training().learningRate());
        assertEquals(1e-4, c.training().weightDecay());
        assertEquals(64, c.training().batchSize());
        assertEquals(50, c.training().epochs());
        assertEquals(10, c.training().earlyStoppingPatience());
        assertEquals("plateau", c.training().scheduler());
    }

    @Test
    void flagsOverrideConfigFields() {
        ExperimentConfig c = ConfigLoader.load("demo", List.of("training.epochs=2", "attacks.epsilons=[0,0.01]",
                "defenses.evaluation_epsilons=[0.01]", "seed=99",
                "data.synthetic.tracks_per_genre=4", "model.architecture=Mlp"));
        assertEquals(2, c.training().epochs());
        assertEquals(2, c.attacks().epsilons().length);
        assertEquals(99, c.seed());
        assertEquals(4, c.data().synthetic().tracksPerGenre());
        assertEquals("Mlp", c.model().architecture());
        assertEquals(0.125, c.model().width(), "untouched fields keep the config's value");
    }

    @Test
    void unknownFieldsAreErrorsThatListTheAllowedOnes() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"training\": {\"epoch\": 3}}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f.toString(), List.of()));
        assertTrue(e.getMessage().contains("'training.epoch' is unknown") && e.getMessage().contains("epochs"), e.getMessage());
        ConfigException set = assertThrows(ConfigException.class, () -> ConfigLoader.load("demo", List.of("atacks.samples=3")));
        assertTrue(set.getMessage().contains("'atacks' is unknown") && set.getMessage().contains("attacks"), set.getMessage());
    }

    @Test
    void badValuesNameTheFieldTheValueAndWhatIsAllowed() {
        assertMessage(List.of("training.epochs=0"), "'training.epochs' is 0", ">= 1");
        assertMessage(List.of("model.architecture=Transformer"), "'model.architecture' is 'Transformer'", "GenreCnn, ResNet18, Mlp");
        assertMessage(List.of("attacks.epsilons=[0.01,-0.1]"), "'attacks.epsilons[1]' is -0.1");
        assertMessage(List.of("data.split.train=0.9"), "sum to");
        assertMessage(List.of("device=tpu"), "'device' is 'tpu'");
        assertMessage(List.of("training.epochs=three"), "training.epochs");
        assertMessage(List.of("training=5"), "is an object with fields", "epochs");
    }

    @Test
    void aConfigThatIsNotJsonOrNotThereIsNamed() throws IOException {
        Path f = dir.resolve("broken.json");
        Files.writeString(f, "{\"name\": ");
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f.toString(), List.of()));
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load("nosuch", List.of()));
        assertTrue(missing.getMessage().contains("demo"), missing.getMessage());
    }

    @Test
    void numbersAreNeverCoercedAndTheErrorNamesWhereTheValueCameFrom() throws IOException {
        assertMessage(List.of("training.epochs=2.9"), "'training.epochs' is 2.9; expected a whole number", "--set training.epochs=2.9");
        assertMessage(List.of("training.epochs=\"3\""), "'training.epochs' is \"3\"; expected a whole number");
        assertMessage(List.of("training.learning_rate=fast"), "'training.learning_rate' is \"fast\"; expected a number");
        Path f = dir.resolve("typed.json");
        Files.writeString(f, "{\"training\": {\"batch_size\": \"sixteen\"}}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f.toString(), List.of()));
        assertTrue(e.getMessage().contains("'training.batch_size' is \"sixteen\"; expected a whole number")
                && e.getMessage().contains("set by config " + f) && !e.getMessage().contains("jackson"), e.getMessage());
        Files.writeString(f, "{\"training\": {\"epochs\": 0}}");
        ConfigException range = assertThrows(ConfigException.class, () -> ConfigLoader.load(f.toString(), List.of()));
        assertTrue(range.getMessage().contains("set by config " + f), range.getMessage());
    }

    @Test
    void trailingTextDuplicateKeysAndRunNamesOutsideTheOutputFolderAreRefused() throws IOException {
        Path trailing = dir.resolve("trailing.json");
        Files.writeString(trailing, "{\"name\": \"x\"} and more");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(trailing.toString(), List.of())).getMessage()
                .contains(trailing.toString()));
        Path duplicate = dir.resolve("duplicate.json");
        Files.writeString(duplicate, "{\"training\": {\"epochs\": 3, \"epochs\": 5}}");
        ConfigException twice = assertThrows(ConfigException.class, () -> ConfigLoader.load(duplicate.toString(), List.of()));
        assertTrue(twice.getMessage().contains("epochs") && twice.getMessage().contains("uplicate"), twice.getMessage());
        assertMessage(List.of("name=.."), "'name' is '..'");
        assertMessage(List.of("name=."), "'name' is '.'");
        assertEquals("run.1", ConfigLoader.load("demo", List.of("name=run.1")).name());
        ConfigException folder = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.toString(), List.of()));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
    }

    @Test
    void theBudgetTableIsOneListWithAReferenceBudget() {
        assertMessage(List.of("attacks.epsilons=[0]"), "at least one epsilon > 0");
        assertMessage(List.of("defenses.evaluation_epsilons=[0,0.01]"), "'defenses.evaluation_epsilons[0]' is 0.0", "> 0");
        assertMessage(List.of("defenses.evaluation_epsilons=[0.01,0.04]"), "'defenses.evaluation_epsilons[1]' is 0.04",
                "one of 'attacks.epsilons'");
        assertMessage(List.of("attacks.reference_epsilon=0.07"), "'attacks.reference_epsilon' is 0.07");
        assertMessage(List.of("attacks.checklist_epsilon=0.02"), "replaced by 'attacks.reference_epsilon'");
        assertMessage(List.of("training.batch_size=1"), "'training.batch_size' is 1");
        ExperimentConfig c = ConfigLoader.load("demo", List.of("attacks.reference_epsilon=0.03"));
        assertEquals(0.03, c.attacks().referenceEpsilon());
    }

    @Test
    void theWaveformStudysBudgetsAreConfigFieldsInDecibelsCheckedBeforeAnyWork() {
        ExperimentConfig.AudioConfig defaults = ConfigLoader.load("demo", List.of()).audio();
        assertEquals(-40, defaults.pgdPeakDbfs());
        assertEquals(-6, defaults.perturbationPeakDbfs());
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60, 70}, defaults.snrBudgetsDb());
        assertArrayEquals(new double[] {-80, -70, -60, -50, -40, -30, -20}, defaults.peakBudgetsDbfs());
        ExperimentConfig.AudioConfig set = ConfigLoader.load("demo", List.of("audio.pgd_peak_dbfs=-30",
                "audio.snr_budgets_db=[45,15]", "audio.peak_budgets_dbfs=[-20,-60]", "audio.perturbation_peak_dbfs=0")).audio();
        assertEquals(-30, set.pgdPeakDbfs());
        assertEquals(0, set.perturbationPeakDbfs());
        assertArrayEquals(new double[] {15, 45}, set.snrBudgetsDb(), "sorted for the curve");
        assertArrayEquals(new double[] {-60, -20}, set.peakBudgetsDbfs());

        assertMessage(List.of("audio.snr_budgets_db=[20,0]"), "'audio.snr_budgets_db[1]' is 0.0", "> 0");
        assertMessage(List.of("audio.snr_budgets_db=[-5]"), "'audio.snr_budgets_db[0]' is -5.0");
        assertMessage(List.of("audio.snr_budgets_db=[]"), "'audio.snr_budgets_db' is empty");
        assertMessage(List.of("audio.peak_budgets_dbfs=[-40,3]"), "'audio.peak_budgets_dbfs[1]' is 3.0", "< 0 dBFS");
        assertMessage(List.of("audio.pgd_peak_dbfs=0"), "'audio.pgd_peak_dbfs' is 0.0", "< 0 dBFS");
        assertMessage(List.of("audio.perturbation_peak_dbfs=6"), "'audio.perturbation_peak_dbfs' is 6.0", "<= 0 dBFS");
    }

    private static void assertMessage(List<String> overrides, String... fragments) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("demo", overrides));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
        }
    }
}

package org.advmusic.experiments;

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

    private static void assertMessage(List<String> overrides, String... fragments) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load("demo", overrides));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
        }
    }
}

package org.advmusic.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.ModelMetrics;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder never shows results of other weights beside its models, and its config goes with its results. */
class RunDirectoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ModelMetrics model(String name, String hash) {
        return new ModelMetrics(name, name, "Mlp", 10L, null, hash, null, null);
    }

    private static RobustnessMetrics robustness(String hash) {
        return new RobustnessMetrics(RunDirectory.BASELINE, hash, 4L, List.of(), List.of(), List.of(), List.of());
    }

    private static Checklist checklist(String model, String hash) {
        return new Checklist(model, hash, 4L, 0.25, List.of(new Checklist.Item("check", "PASS", "fine", Map.of())));
    }

    private static ObjectNode config(int epochs) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("training").put("epochs", epochs);
        return config;
    }

    @Test
    void aNewBaselineRemovesTheOldWeightsResults() throws Exception {
        RunDirectory run = RunDirectory.open(dir, config(1));
        run.recordBaseline(model(RunDirectory.BASELINE, "aaaa"));
        run.record(m -> m.withRobustness(robustness("aaaa")).withChecklist(checklist(RunDirectory.BASELINE, "aaaa"))
                .withModel(model("adversarial-mixed", "cccc")).withChecklist(checklist("adversarial-mixed", "cccc")));
        assertEquals(2, run.metrics().checklists().size());

        RunDirectory again = RunDirectory.open(dir, config(2));
        again.recordBaseline(model(RunDirectory.BASELINE, "bbbb"));
        RunMetrics read = RunMetrics.read(dir.resolve("metrics.json"));
        assertNull(read.robustness(), "attacks of the old weights are gone");
        assertTrue(read.checklists().isEmpty());
        assertEquals(List.of(RunDirectory.BASELINE), read.models().stream().map(ModelMetrics::name).toList());
        assertEquals(2, JSON.readTree(dir.resolve("config.json").toFile()).path("training").path("epochs").asInt());
    }

    @Test
    void resultsOfOtherWeightsAreNeverRecorded() throws Exception {
        RunDirectory run = RunDirectory.open(dir, config(1));
        run.recordBaseline(model(RunDirectory.BASELINE, "aaaa"));
        run.record(m -> m.withRobustness(robustness("ffff")).withChecklist(checklist(RunDirectory.BASELINE, "ffff")));
        assertNull(run.metrics().robustness());
        assertTrue(run.metrics().checklists().isEmpty());
        run.record(m -> m.withRobustness(robustness("aaaa")));
        assertEquals("aaaa", RunMetrics.read(dir.resolve("metrics.json")).robustness().checkpoint());
    }

    @Test
    void theConfigIsWrittenOnlyWithResults() {
        RunDirectory run = RunDirectory.open(dir, config(1));
        run.recordRun(new RunMetrics.RunInfo("r", "train", "now", Double.NaN, "cpu", "F32", 1L, 7L, "17", "0.1.0",
                RunMetrics.RunInfo.RUNNING, null));
        assertFalse(Files.exists(dir.resolve("config.json")), "a command that has produced nothing leaves the config alone");
        run.recordRun(run.metrics().run().ended(3.0, "boom"));
        assertEquals(RunMetrics.RunInfo.FAILED, RunDirectory.open(dir, config(1)).metrics().run().status());
        assertEquals("boom", RunDirectory.open(dir, config(1)).metrics().run().error());
    }
}

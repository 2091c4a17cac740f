package org.advmusic.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.results.RunMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train, attack, retrain and failures as a user runs them: results carry their weights, never mix
 * with another checkpoint's, and a failure is recorded; bad checkpoints are refused with clear errors.
 */
class RunStateTest {
    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void table() throws Exception {
        csv = FeatureTableRun.table(dir.resolve("data"), 10, 10, 10);
    }

    @Test
    void resultsCarryTheirWeightsAndARetrainRemovesTheOldOnes() throws Exception {
        Path run = dir.resolve("retrain");
        // 30 tracks split 21/6/3: 21 training rows in batches of 4 leave one sample, which batch norm cannot train on alone
        FeatureTableRun.Outcome train = FeatureTableRun.command("train", run, csv);
        assertEquals(0, train.status(), train.out() + train.err());
        FeatureTableRun.Outcome attack = FeatureTableRun.command("attack", run, csv);
        assertEquals(0, attack.status(), attack.out() + attack.err());
        RunMetrics attacked = RunMetrics.read(run.resolve("metrics.json"));
        String weights = attacked.model("baseline").checkpoint();
        assertEquals(weights, attacked.robustness().checkpoint());
        assertEquals(RunMetrics.RunInfo.COMPLETED, attacked.run().status());
        assertFalse(attack.out().contains("notice"), attack.out());

        FeatureTableRun.Outcome retrain = FeatureTableRun.command("train", run, csv, "--seed", "8");
        assertEquals(0, retrain.status(), retrain.out() + retrain.err());
        assertTrue(retrain.out().contains("removed the old robustness"), retrain.out());
        RunMetrics retrained = RunMetrics.read(run.resolve("metrics.json"));
        assertNotEquals(weights, retrained.model("baseline").checkpoint());
        assertNull(retrained.robustness(), "the old weights' attacks are not shown beside the new model");
        assertEquals(8, new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("config.json").toFile())
                .path("seed").asInt(), "config.json describes the results beside it");
    }

    @Test
    void aCheckpointWithoutItsSpecIsNamedAndTheFailureIsRecorded() throws Exception {
        Path run = dir.resolve("no-spec");
        assertEquals(0, FeatureTableRun.command("train", run, csv).status());
        Files.delete(run.resolve("checkpoints/baseline/model.json"));
        FeatureTableRun.Outcome attack = FeatureTableRun.command("attack", run, csv);
        assertEquals(2, attack.status());
        assertTrue(attack.err().contains("has model.safetensors but no model.json") && !attack.err().contains("run `train`"),
                attack.err());
        RunMetrics metrics = RunMetrics.read(run.resolve("metrics.json"));
        assertEquals(RunMetrics.RunInfo.FAILED, metrics.run().status());
        assertEquals("attack", metrics.run().command());
        assertTrue(metrics.run().error().contains("no model.json"), metrics.run().error());
        assertFalse(attack.out().contains("done in"), "no progress says done before the error: " + attack.out());
        assertEquals(0, FeatureTableRun.run(List.of("report", run.toString())).status());
        assertTrue(Files.readString(run.resolve("report.html")).contains("The last command (attack) failed"));
    }

    @Test
    void nonFiniteWeightsAreRefused() throws Exception {
        Path run = dir.resolve("nan");
        assertEquals(0, FeatureTableRun.command("train", run, csv).status());
        Path weights = run.resolve("checkpoints/baseline/model.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>(Safetensors.read(weights, Backends.reference()));
        String first = tensors.keySet().iterator().next();
        double[] values = tensors.get(first).toDoubleArray();
        values[0] = Double.NaN;
        tensors.put(first, Tensor.fromArray(Backends.reference(), values, tensors.get(first).shape().dims()));
        Safetensors.write(weights, tensors, Map.of());
        FeatureTableRun.Outcome attack = FeatureTableRun.command("attack", run, csv);
        assertEquals(2, attack.status());
        assertTrue(attack.err().contains("'" + first + "' holds NaN"), attack.err());
    }

    @Test
    void theTopLevelHelpShowsEveryCommandsSummaryWhole() {
        // the command list shows the first line of each description: it must be a whole sentence
        picocli.CommandLine line = Commands.commandLine(new org.advmusic.experiments.Main());
        String help = line.getUsageMessage().replaceAll("\\s+", " "); // what --help prints
        for (Map.Entry<String, picocli.CommandLine> sub : line.getSubcommands().entrySet()) {
            String summary = sub.getValue().getCommandSpec().usageMessage().description()[0];
            assertTrue(summary.endsWith("."), "the summary of " + sub.getKey() + " is cut: " + summary);
            assertTrue(help.contains(summary), "--help lacks " + summary);
        }
    }
}

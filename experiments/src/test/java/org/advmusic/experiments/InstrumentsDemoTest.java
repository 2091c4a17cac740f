package org.advmusic.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.advmusic.audio.features.InstrumentFeatures;
import org.advmusic.audio.io.WavReader;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.results.InstrumentResults;
import org.advmusic.nn.svm.SvcCheckpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --config instruments-demo}, shrunk: every file the issue lists is written, the
 * checkpoint classifies like the study, and every verified targeted success is confirmed here again
 * from the WAV on disk.
 */
class InstrumentsDemoTest {
    @TempDir
    static Path dir;
    static Path run;
    static int status;
    static String errors;

    @BeforeAll
    static void runTinyStudy() {
        run = dir.resolve("run");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        status = StudyTest.execute(List.of("demo", "--config", "instruments-demo", "--device", "cpu", "--threads", "2",
                "--out", run.toString(), "--set", "instruments.training_path=" + dir.resolve("data"),
                "--set", "instruments.per_class=6", "--set", "instruments.search.candidates=3",
                "--set", "instruments.search.folds=2", "--set", "instruments.targeted.sources=2",
                "--set", "instruments.targeted.targets_per_source=1", "--set", "instruments.targeted.query_budget=40",
                "--set", "instruments.targeted.population=8", "--set", "instruments.targeted.examples=1",
                "--set", "instruments.targeted.representations=[\"equalizer\"]",
                "--set", "instruments.feature_attacks.pgd_steps=3", "--set", "instruments.feature_attacks.fmn_steps=5",
                "--set", "instruments.confidence.query_budget=9", "--set", "instruments.confidence.offspring=4"), err);
        errors = err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyPromisedFileIsWritten() throws Exception {
        assertEquals(0, status, errors);
        for (String f : List.of("config.json", "metrics.json", "report.html", "instruments.json",
                "checkpoints/svc/model.safetensors", "tensors/features-train.safetensors",
                "tensors/features-test.safetensors", "tables/svc-search.csv", "tables/targeted-success.csv",
                "tables/targeted-matrix.csv", "tables/svc-per-class.csv", "tables/svc-confusion.csv",
                "tables/feature-attacks.csv", "tables/confidence-maximisation.csv", "audio/confidence/voi.wav")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), "missing " + f);
        }
        String html = Files.readString(run.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Instrument study") && html.contains("<audio"), "report lacks the study or its players");
        InstrumentResults results = InstrumentResults.read(run);
        assertEquals(3, results.search().candidates().size());
        assertEquals(2, results.targeted().size());
        assertEquals(11, results.confidence().size());
        for (InstrumentResults.Confidence c : results.confidence()) {
            assertTrue(c.queries() <= 9 && c.peakDbfs() <= -20 + 1e-3, c.toString());
        }
        Map<String, Tensor> train = Safetensors.read(run.resolve("tensors/features-train.safetensors"), Backends.reference());
        assertArrayEquals(new int[] {results.data().train(), 25}, train.get("x").shape().dims());
        assertEquals(results.data().train(), train.get("y").size());
    }

    @Test
    void verifiedSuccessesHoldWhenTheWavIsReadAgain() throws Exception {
        assertEquals(0, status, errors);
        SvcCheckpoint checkpoint = SvcCheckpoint.load(run.resolve("checkpoints/svc/model.safetensors"));
        InstrumentResults results = InstrumentResults.read(run);
        InstrumentFeatures features = new InstrumentFeatures(44100);
        for (InstrumentResults.TargetedAttack attack : results.targeted()) {
            assertTrue(Double.isFinite(attack.snrDb()) && attack.peakDbfs() <= -35 + 0.01, attack.toString());
            assertTrue(attack.queries() <= 40 + 8 + 4, attack.toString()); // budget, bisection, clean and final checks
            if (attack.adversarialWav() == null) {
                continue;
            }
            assertEquals(attack.verified(), attack.adversarialWav().endsWith("-adversarial.wav")
                    && !attack.adversarialWav().endsWith("-not-adversarial.wav"),
                    "only a verified success is written under an adversarial name: " + attack);
            float[] samples = WavReader.readMono(run.resolve(attack.adversarialWav()), 44100);
            String predicted = checkpoint.predictName(features.compute(samples));
            assertEquals(attack.verifiedPrediction(), predicted, attack.toString());
            double[] probabilities = checkpoint.model().predictProbabilities(checkpoint.scaler().apply(features.compute(samples)));
            assertEquals(probabilities[checkpoint.classNames().indexOf(attack.target())], attack.targetProbability(), 1e-12,
                    "the report's probability is the written file's (Platt probabilities are on by default)");
            assertEquals(attack.verified(), predicted.equals(attack.target()), attack.toString());
        }
    }
}

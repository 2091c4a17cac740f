package org.advmusic.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.advmusic.attacks.waveform.ConfidenceMaximizer;
import org.advmusic.audio.features.InstrumentFeatures;
import org.advmusic.audio.synth.SyntheticInstruments;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.InstrumentsConfig;
import org.advmusic.experiments.results.InstrumentResults;
import org.advmusic.nn.svm.FeatureScaler;
import org.advmusic.nn.svm.SvcCheckpoint;
import org.advmusic.nn.svm.SvcModel;
import org.advmusic.nn.svm.SvcParameters;
import org.advmusic.nn.svm.SvcTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confidence maximisation through the real pipeline (16-bit WAV -> 25 features -> scaler -> RBF SVC)
 * on an SVC trained on three synthetic instruments: from silence (which the SVC puts in one class,
 * far from every support vector), every class's written WAV is classified as that class, the other
 * classes' decision values raised by a vote or more above silence's, within the peak budget; the
 * reported numbers are those of the file on disk.
 */
class InstrumentConfidenceTest {
    private static final List<String> CLASSES = List.of("cel", "flu", "tru");

    @TempDir
    Path dir;

    @Test
    void everyClassWinsFromSilenceAndTheNumbersAreTheWrittenFiles() throws Exception {
        int perClass = 8;
        double[][] raw = new double[CLASSES.size() * perClass][];
        int[] labels = new int[raw.length];
        InstrumentFeatures features = new InstrumentFeatures(SyntheticInstruments.SAMPLE_RATE);
        for (int c = 0; c < CLASSES.size(); c++) {
            for (int i = 0; i < perClass; i++) {
                raw[c * perClass + i] = features.compute(SyntheticInstruments.render(CLASSES.get(c), i, 4L));
                labels[c * perClass + i] = c;
            }
        }
        FeatureScaler scaler = FeatureScaler.fit(raw);
        SvcModel model = SvcTrainer.fit(scaler.apply(raw), labels, SvcParameters.of(10.0, 0.1));
        SvcCheckpoint checkpoint = new SvcCheckpoint(model, CLASSES, InstrumentFeatures.featureNames(), scaler);
        InstrumentsConfig config = ConfigLoader.load("instruments-demo", List.of("instruments.confidence.query_budget=300"))
                .instruments();
        RunDirectory run = RunDirectory.open(dir.resolve("run"), new ObjectMapper().createObjectNode());

        List<InstrumentResults.Confidence> results = InstrumentConfidence.run(config, checkpoint, 2, 7L, run);

        assertEquals(CLASSES.size(), results.size());
        assertEquals(CLASSES.size() - 1, results.stream().filter(r -> r.startMargin() < 0).count(),
                "silence is one class, the others are to be reached");
        for (int c = 0; c < CLASSES.size(); c++) {
            InstrumentResults.Confidence r = results.get(c);
            assertEquals(CLASSES.get(c), r.verifiedPrediction(), r.toString());
            assertTrue(r.margin() > 0.5 && r.margin() >= r.startMargin(), r.toString());
            assertTrue(r.startMargin() > 0 || r.score() > r.startScore() + 0.9, "a vote or more gained: " + r);
            assertTrue(r.peakDbfs() <= config.confidence().peakDbfs() + 1e-3 && r.queries() <= 300, r.toString());
            float[] onDisk = InstrumentStudy.readAsLoaded(run.file(r.wav()), config.sampleRate());
            double[] scores = model.decisionFunction(scaler.apply(features.compute(onDisk)));
            assertEquals(scores[c], r.score(), 1e-12);
            assertEquals(ConfidenceMaximizer.margin(scores, c), r.margin(), 1e-12);
        }
    }
}

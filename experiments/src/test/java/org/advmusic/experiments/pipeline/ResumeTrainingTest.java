package org.advmusic.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.nn.train.EpochRecord;
import org.advmusic.nn.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training interrupted after an epoch and resumed ends with the weights of an uninterrupted one. */
class ResumeTrainingTest {
    @TempDir
    Path dir;

    @Test
    void aResumedTrainingEqualsAnUninterruptedOne() throws Exception {
        List<String> lines = new ArrayList<>(List.of("filename,length,f1,f2,f3,label"));
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 24; t++) {
            int k = t % 3;
            lines.add(String.format(Locale.ROOT, "%s.%05d.wav,1,%.3f,%.3f,%.3f,%s", "abc".charAt(k), t, k + random.nextGaussian(),
                    random.nextGaussian(), -k + random.nextGaussian(), "abc".charAt(k)));
        }
        Path csv = dir.resolve("features_30_sec.csv");
        Files.write(csv, lines);
        ExperimentConfig config = ConfigLoader.load(null, List.of("data.source=gtzan-features", "data.path=" + csv,
                "model.architecture=Mlp", "model.hidden=[8]", "model.dropout=0.3", "training.epochs=4", "training.batch_size=4",
                "training.early_stopping_patience=2"));
        Backend backend = Backends.reference();
        PreparedData data = DataStage.prepare(config.data(), config.model(), backend).data();
        TrainingStage.Plan plan = TrainingStage.Plan.standard("baseline", "test", 4);
        TrainingStage.Recipe recipe = TrainingStage.Recipe.of(config);

        RunDirectory straight = RunDirectory.open(dir.resolve("straight"), new ObjectMapper().createObjectNode());
        TrainingStage.Trained uninterrupted = TrainingStage.train(plan, recipe, data, backend, straight, false);

        RunDirectory broken = RunDirectory.open(dir.resolve("broken"), new ObjectMapper().createObjectNode());
        TrainingStage.Plan crashing = plan.withListener(model -> new TrainingListener() {
            @Override
            public void epochEnded(EpochRecord record) {
                if (record.epoch() == 2) {
                    throw new IllegalStateException("killed after epoch 2");
                }
            }
        });
        assertThrows(IllegalStateException.class, () -> TrainingStage.train(crashing, recipe, data, backend, broken, false));
        TrainingStage.Trained resumed = TrainingStage.train(plan, recipe, data, backend, broken, true);

        assertEquals(uninterrupted.checkpoint(), resumed.checkpoint(), "the same weights");
        assertEquals(uninterrupted.metrics().training().epochsRun(), resumed.metrics().training().epochsRun());
        assertEquals(uninterrupted.metrics().clean().clipAccuracy(), resumed.metrics().clean().clipAccuracy());

        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class, () -> TrainingStage.train(plan, recipe,
                data, backend, RunDirectory.open(dir.resolve("fresh"), new ObjectMapper().createObjectNode()), true));
        assertTrue(nothing.getMessage().contains("no interrupted training of baseline"), nothing.getMessage());
    }
}

package org.advmusic.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.RunDirectory;
import org.advmusic.experiments.pipeline.TrainingStage;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.train.TrainingHistory;

/** Loads the trained baseline of a run (for attack, defend and gradcam after train). */
final class Baseline {
    private Baseline() {
    }

    /**
     * @param checkpoint an explicit checkpoint folder, or null for the run's {@code checkpoints/baseline}
     */
    static TrainingStage.Trained load(RunDirectory run, Path checkpoint, Backend backend, PreparedData data) {
        Path folder = checkpoint != null ? checkpoint : run.checkpoint("baseline");
        if (!Files.isRegularFile(folder.resolve(Checkpoint.SPEC_FILE))) {
            throw new IllegalArgumentException("no trained baseline in " + folder
                    + "; run `train` first with the same config (or pass --checkpoint DIR)");
        }
        Checkpoint.Loaded loaded;
        try {
            loaded = Checkpoint.load(folder, backend);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint " + folder + " cannot be loaded: " + e.getMessage(), e);
        }
        if (!loaded.spec().inputShapeAsShape().equals(data.inputShape()) || loaded.spec().classes() != data.classes().size()) {
            throw new IllegalArgumentException("checkpoint " + folder + " expects input " + loaded.spec().inputShapeAsShape()
                    + " and " + loaded.spec().classes() + " classes, but the data has " + data.inputShape() + " and "
                    + data.classes().size());
        }
        loaded.model().eval();
        String description = "baseline from " + folder;
        double seconds = Double.NaN;
        for (JsonNode m : run.metrics().path("models")) {
            if ("baseline".equals(m.path("name").asText())) {
                description = m.path("description").asText(description);
                seconds = m.path("training").path("seconds").asDouble(Double.NaN);
            }
        }
        return new TrainingStage.Trained("baseline", description, loaded.model(),
                new TrainingHistory(java.util.List.of(), null, false), seconds, loaded.spec());
    }
}

package org.advmusic.experiments.cli;

import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Command;

/** Grad-CAM maps of the run's baseline on clean, misclassified and attacked samples, and listenable adversarial audio. */
@Command(name = "gradcam", mixinStandardHelpOptions = true,
        description = {"Grad-CAM maps of the run's baseline on clean, misclassified and attacked samples, and listenable adversarial audio.",
            "A study config (study.models) runs it on every model's baseline and refreshes the study's tables."})
final class GradcamCommand extends BaselineStageCommand {
    @Override
    String name() {
        return "gradcam";
    }

    @Override
    void stage(RunOptions.Context context, PreparedData data, TrainingStage.Trained baseline) {
        Pipeline.gradcam(context, data, baseline);
    }
}

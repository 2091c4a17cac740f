package org.advmusic.experiments.cli;

import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Command;

/** Train and evaluate the defenses against the run's baseline (adversarial training, feature squeezing, detector), naive and adaptive. */
@Command(name = "defend", mixinStandardHelpOptions = true,
        description = {"Train and evaluate the defenses against the run's baseline (adversarial training, feature squeezing, detector), naive and adaptive.",
            "A study config (study.models) runs it on every model's baseline and refreshes the study's tables."})
final class DefendCommand extends BaselineStageCommand {
    @Override
    String name() {
        return "defend";
    }

    @Override
    void stage(RunOptions.Context context, PreparedData data, TrainingStage.Trained baseline) {
        Pipeline.defenses(context, data, baseline);
    }
}

package org.advmusic.experiments.cli;

import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Command;

/** Attack the run's trained baseline: FGSM and PGD over the epsilons, minimum-norm attacks, the genetic attack, the sanity checklist. */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = {"Attack the run's trained baseline: FGSM and PGD over the epsilons, minimum-norm attacks, the genetic attack, the sanity checklist.",
            "A study config (study.models) runs it on every model's baseline and refreshes the study's tables."})
final class AttackCommand extends BaselineStageCommand {
    @Override
    String name() {
        return "attack";
    }

    @Override
    void stage(RunOptions.Context context, PreparedData data, TrainingStage.Trained baseline) {
        Pipeline.attacks(context, data, baseline);
    }
}

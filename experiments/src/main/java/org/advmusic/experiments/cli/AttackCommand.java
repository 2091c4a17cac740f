package org.advmusic.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Attack the run's trained baseline: FGSM and PGD over the epsilons, minimum-norm attacks, the genetic attack, the sanity checklist. */
@Command(name = "attack", mixinStandardHelpOptions = true, description = "Attack the run's trained baseline: FGSM and PGD over the epsilons, minimum-norm attacks, the genetic attack, the sanity checklist.")
final class AttackCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "the baseline's checkpoint folder (default: the run's checkpoints/baseline)")
    Path checkpoint;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        RunOptions.Context c = options.open(null, "attack");
        PreparedData data = Pipeline.data(c);
        TrainingStage.Trained baseline = Baseline.load(c.run(), checkpoint, c.backend(), data);
        Pipeline.attacks(c, data, baseline);
        System.out.printf("report: %s%n", Pipeline.report(c, start));
        return 0;
    }
}

package org.advmusic.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Train and evaluate the defenses against the run's baseline (adversarial training, feature squeezing, detector), naive and adaptive. */
@Command(name = "defend", mixinStandardHelpOptions = true, description = "Train and evaluate the defenses against the run's baseline (adversarial training, feature squeezing, detector), naive and adaptive.")
final class DefendCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "the baseline's checkpoint folder (default: the run's checkpoints/baseline)")
    Path checkpoint;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        RunOptions.Context c = options.open(null, "defend");
        PreparedData data = Pipeline.data(c);
        TrainingStage.Trained baseline = Baseline.load(c.run(), checkpoint, c.backend(), data);
        Pipeline.defenses(c, data, baseline);
        System.out.printf("report: %s%n", Pipeline.report(c, start));
        return 0;
    }
}

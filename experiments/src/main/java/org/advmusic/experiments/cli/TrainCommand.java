package org.advmusic.experiments.cli;

import java.util.concurrent.Callable;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the baseline model of a config and measures it on clean test data. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the configured model (the run's baseline), save its checkpoint and measure clean accuracy.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--resume", description = "continue an interrupted training of this run exactly where its last completed"
            + " epoch left it (same config; the numbers equal an uninterrupted run's)")
    boolean resume;

    @Override
    public Integer call() {
        return options.execute(null, "train", c -> {
            PreparedData data = Pipeline.data(c);
            TrainingStage.Trained baseline = Pipeline.trainBaseline(c, data, resume);
            System.out.printf("trained %s in %.1f s; checkpoint %s (weights %s)%n", baseline.description(), baseline.seconds(),
                    c.run().checkpoint(baseline.name()), baseline.checkpoint());
            System.out.printf("report: %s%n", Pipeline.report(c));
        });
    }
}

package org.advmusic.experiments.cli;

import java.util.concurrent.Callable;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the baseline model of a config (of every model of a study) and measures it on clean test data. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the configured model (the run's baseline), save its checkpoint and measure clean accuracy.",
            "A study config (study.models) trains every model of the study in <run>/<model>/ and refreshes the study's tables."})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--resume", description = "continue an interrupted training of this run exactly where its last completed"
            + " epoch left it (same config; the numbers equal an uninterrupted run's)")
    boolean resume;

    @Override
    public Integer call() {
        return options.execute(null, "train", c -> {
            if (c.config().study() != null) {
                System.out.printf("report: %s%n", StudyRunner.run(c, options.resolve(null), this::train));
                return;
            }
            train(c, Pipeline.data(c));
            System.out.printf("report: %s%n", Pipeline.report(c));
        });
    }

    private void train(RunOptions.Context c, PreparedData data) {
        TrainingStage.Trained baseline = Pipeline.trainBaseline(c, data, resume);
        System.out.printf("trained %s in %.1f s; checkpoint %s (weights %s)%n", baseline.description(), baseline.seconds(),
                c.run().checkpoint(baseline.name()), baseline.checkpoint());
    }
}

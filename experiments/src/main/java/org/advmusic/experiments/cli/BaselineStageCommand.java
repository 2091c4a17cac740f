package org.advmusic.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command that runs one stage on the run's trained baseline: prepare the data, load the baseline, run, report. */
abstract class BaselineStageCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "the baseline's checkpoint folder (default: the run's checkpoints/baseline)")
    Path checkpoint;

    /** The command's name, recorded in metrics.json. */
    abstract String name();

    /** The stage itself. */
    abstract void stage(RunOptions.Context context, PreparedData data, TrainingStage.Trained baseline);

    @Override
    public final Integer call() {
        return options.execute(null, name(), c -> {
            PreparedData data = Pipeline.data(c);
            stage(c, data, Baseline.load(c.run(), checkpoint, c.backend(), data, c.config().attacks().batchSize()));
            System.out.printf("report: %s%n", Pipeline.report(c));
        });
    }
}

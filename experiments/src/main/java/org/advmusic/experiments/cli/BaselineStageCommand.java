package org.advmusic.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.RunDirectory;
import org.advmusic.experiments.pipeline.TrainingStage;
import org.advmusic.nn.checkpoint.Checkpoint;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command that runs one stage on the run's trained baseline: prepare the data, load the baseline,
 * run, report. On a study config, the stage runs on every model's baseline and the study's tables
 * are refreshed.
 */
abstract class BaselineStageCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "the baseline's checkpoint folder (default: the run's checkpoints/baseline; not with a study)")
    Path checkpoint;

    /** The command's name, recorded in metrics.json. */
    abstract String name();

    /** The stage itself. */
    abstract void stage(RunOptions.Context context, PreparedData data, TrainingStage.Trained baseline);

    @Override
    public final Integer call() {
        return options.execute(null, name(), c -> {
            if (c.config().study() != null) {
                requireTrainedStudy(c);
                System.out.printf("report: %s%n", StudyRunner.run(c, options.resolve(null), this::onBaseline));
                return;
            }
            onBaseline(c, Pipeline.data(c));
            System.out.printf("report: %s%n", Pipeline.report(c));
        });
    }

    private void onBaseline(RunOptions.Context c, PreparedData data) {
        stage(c, data, Baseline.load(c.run(), checkpoint, c.backend(), data, c.config().attacks().batchSize()));
    }

    /** Every model of the study has a trained baseline in its folder, and no single --checkpoint is given. */
    private void requireTrainedStudy(RunOptions.Context c) {
        List<String> models = c.config().study().models().stream().map(ExperimentConfig.StudyModel::name).toList();
        if (checkpoint != null) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + " names one baseline, but config '"
                    + c.config().name() + "' is a study of " + models.size() + " models " + models + ", each with its own"
                    + " baseline in <run>/<model>/checkpoints/" + RunDirectory.BASELINE + "; leave --checkpoint out");
        }
        List<String> untrained = models.stream().filter(model -> !Files.isRegularFile(c.run().root().resolve(model)
                .resolve("checkpoints").resolve(RunDirectory.BASELINE).resolve(Checkpoint.SPEC_FILE))).toList();
        if (!untrained.isEmpty()) {
            throw new IllegalArgumentException("study " + c.run().root() + ": no trained baseline for model(s) " + untrained
                    + " (expected " + c.run().root().resolve(untrained.get(0)).resolve("checkpoints").resolve(RunDirectory.BASELINE)
                    .resolve(Checkpoint.SPEC_FILE) + "); run `train` first with the same config");
        }
    }
}

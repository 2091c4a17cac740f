package org.advmusic.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Grad-CAM maps of the run's baseline on clean, misclassified and attacked samples, and listenable adversarial audio. */
@Command(name = "gradcam", mixinStandardHelpOptions = true, description = "Grad-CAM maps of the run's baseline on clean, misclassified and attacked samples, and listenable adversarial audio.")
final class GradcamCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "the baseline's checkpoint folder (default: the run's checkpoints/baseline)")
    Path checkpoint;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        RunOptions.Context c = options.open(null, "gradcam");
        PreparedData data = Pipeline.data(c);
        TrainingStage.Trained baseline = Baseline.load(c.run(), checkpoint, c.backend(), data);
        Pipeline.gradcam(c, data, baseline);
        System.out.printf("report: %s%n", Pipeline.report(c, start));
        return 0;
    }
}

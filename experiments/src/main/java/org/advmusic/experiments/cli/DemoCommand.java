package org.advmusic.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.advmusic.experiments.pipeline.InstrumentStudy;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.TrainingStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The whole seed pipeline on the embedded synthetic genre set, with no arguments. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on the embedded synthetic genre set.",
            "Generates the data (cached), trains the baseline, attacks it (FGSM, PGD, FMN, genetic; robustness curves,",
            "sanity checklist), trains and evaluates the defenses (adversarial training, feature squeezing, detector; naive",
            "and adaptive), runs Grad-CAM, writes listenable adversarial audio and the report. Uses the built-in config",
            "'demo' unless --config is given.",
            "A config with instruments.enabled (e.g. --config instruments-demo) runs the instrument study instead:",
            "synthetic IRMAS-like set, 25 features, RBF SVC with randomized search, targeted genetic attacks on the audio."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        return options.execute("demo", "demo", c -> {
            if (c.config().instruments().enabled()) {
                InstrumentStudy.run(c.config().instruments(), c.config().seed(), BackendChoice.threads(c.backend()), c.run());
                c.run().record(metrics -> metrics); // config.json beside metrics.json; the study's results are in instruments.json
                Path report = Pipeline.report(c);
                System.out.printf("instrument study finished in %.1f s; open %s%n", c.seconds(), report.toAbsolutePath());
                return;
            }
            if (c.config().study() != null) {
                Path report = StudyRunner.run(c, options.resolve("demo"), DemoCommand::stages);
                System.out.printf("study finished in %.1f s; open %s%n", c.seconds(), report.toAbsolutePath());
                return;
            }
            stages(c, Pipeline.data(c));
            Path report = Pipeline.report(c);
            System.out.printf("demo finished in %.1f s; open %s%n", c.seconds(), report.toAbsolutePath());
        });
    }

    /** Every stage on one model: training, attacks, defenses, Grad-CAM and audio. */
    private static void stages(RunOptions.Context c, PreparedData data) {
        TrainingStage.Trained baseline = Pipeline.trainBaseline(c, data, false);
        Pipeline.attacks(c, data, baseline);
        Pipeline.defenses(c, data, baseline);
        Pipeline.gradcam(c, data, baseline);
    }
}

package org.advmusic.experiments.cli;

import java.nio.file.Path;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.AttackFactory;
import org.advmusic.experiments.pipeline.BaselineStages;
import org.advmusic.experiments.pipeline.DataStage;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.RobustnessStage;
import org.advmusic.experiments.pipeline.RunDirectory;
import org.advmusic.experiments.pipeline.TrainingStage;
import org.advmusic.experiments.report.ReportSummary;
import org.advmusic.experiments.report.ReportWriter;
import org.advmusic.experiments.results.RunMetrics;

/**
 * The stages in order (data, train, attack, defend, explain, report), shared by the commands: each
 * stage returns its results, which are recorded in the run folder here.
 */
final class Pipeline {
    private Pipeline() {
    }

    /** Prepares the data, checks the budget table against it, records the data section. */
    static PreparedData data(RunOptions.Context c) {
        DataStage.Prepared prepared = DataStage.prepare(c.config().data(), c.config().model(), c.backend());
        AttackFactory.of(c.config(), prepared.data()); // a budget wider than the input box fails here, before any training
        if (c.config().model().pretrained() != null) { // so does a pretrained file of another layout
            TrainingStage.build(c.config().model(), prepared.data(), c.backend(), c.config().seed());
        }
        c.run().record(m -> m.withData(prepared.info()));
        return prepared.data();
    }

    /** Trains the baseline (continuing an interrupted training when {@code resume}) and records it. */
    static TrainingStage.Trained trainBaseline(RunOptions.Context c, PreparedData data, boolean resume) {
        ExperimentConfig.ModelConfig m = c.config().model();
        String description = m.architecture() + (m.architecture().equals("Mlp") ? " " + m.hidden() : " width " + m.width())
                + (m.pretrained() != null ? " from ImageNet weights " + m.pretrained() : "") + ", standard training";
        TrainingStage.Trained baseline = TrainingStage.train(TrainingStage.Plan.standard(RunDirectory.BASELINE, description,
                c.config().training().epochs()), TrainingStage.Recipe.of(c.config()), data, c.backend(), c.run(),
                resume);
        c.run().recordBaseline(baseline.metrics());
        return baseline;
    }

    static void attacks(RunOptions.Context c, PreparedData data, TrainingStage.Trained baseline) {
        if (c.config().attacks().enabled()) {
            RobustnessStage.Outcome outcome = RobustnessStage.run(baseline, data, AttackFactory.of(c.config(), data),
                    c.config().attacks(), c.config().seed(), c.run());
            c.run().record(m -> outcome.checklist() == null ? m.withRobustness(outcome.robustness())
                    : m.withRobustness(outcome.robustness()).withChecklist(outcome.checklist()));
        }
    }

    static void defenses(RunOptions.Context c, PreparedData data, TrainingStage.Trained baseline) {
        BaselineStages.defenses(c.config(), data, baseline, c.backend(), c.run());
    }

    static void gradcam(RunOptions.Context c, PreparedData data, TrainingStage.Trained baseline) {
        BaselineStages.explanations(c.config(), data, baseline, c.run());
    }

    /** Records the command as completed, writes the figures, tables and report.html; returns the report's path. */
    static Path report(RunOptions.Context c) {
        RunMetrics.RunInfo run = c.run().metrics().run();
        c.run().recordRun(run.ended(c.seconds(), null));
        return report(c.run().root());
    }

    /** Renders the report of a run folder; rendering problems are printed, never fatal. */
    static Path report(Path folder) {
        try {
            ReportSummary summary = ReportWriter.write(folder);
            summary.problems().forEach(p -> System.out.println("report: " + p));
            return summary.report();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the report of " + folder + " cannot be written: " + e.getMessage(), e);
        }
    }
}

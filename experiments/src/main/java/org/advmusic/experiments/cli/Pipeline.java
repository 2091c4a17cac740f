package org.advmusic.experiments.cli;

import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.AudioStage;
import org.advmusic.experiments.pipeline.DataStage;
import org.advmusic.experiments.pipeline.DefenseStage;
import org.advmusic.experiments.pipeline.GradCamStage;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.RobustnessStage;
import org.advmusic.experiments.pipeline.TrainingStage;
import org.advmusic.experiments.report.ReportSummary;
import org.advmusic.experiments.report.ReportWriter;

/** The stages in order, shared by the commands. */
final class Pipeline {
    private Pipeline() {
    }

    static PreparedData data(RunOptions.Context c) {
        return DataStage.prepare(c.config(), c.backend(), c.run());
    }

    static TrainingStage.Trained trainBaseline(RunOptions.Context c, PreparedData data) {
        ExperimentConfig.ModelConfig m = c.config().model();
        String description = m.architecture() + (m.architecture().equals("GenreCnn") ? " width " + m.width() : "")
                + (m.architecture().equals("Mlp") ? " " + m.hidden() : "") + ", standard training";
        return TrainingStage.train(new TrainingStage.Plan("baseline", description, null, null, null,
                c.config().training().epochs()), c.config(), data, c.backend(), c.run());
    }

    static void attacks(RunOptions.Context c, PreparedData data, TrainingStage.Trained baseline) {
        if (c.config().attacks().enabled()) {
            RobustnessStage.run(c.config(), data, baseline.model(), c.run());
        }
    }

    static void defenses(RunOptions.Context c, PreparedData data, TrainingStage.Trained baseline) {
        if (c.config().defenses().enabled()) {
            DefenseStage.run(c.config(), data, baseline, c.backend(), c.run());
        }
    }

    static void gradcam(RunOptions.Context c, PreparedData data, TrainingStage.Trained baseline) {
        if (c.config().gradcam().enabled()) {
            GradCamStage.run(c.config(), data, baseline.model(), c.run());
        }
        AudioStage.run(c.config(), data, baseline.model(), c.run());
    }

    /** Writes the figures, tables and report.html; returns the report's path. */
    static java.nio.file.Path report(RunOptions.Context c, long startNanos) {
        c.run().section("run").put("seconds", (System.nanoTime() - startNanos) / 1e9);
        c.run().saveMetrics();
        return report(c.run().root());
    }

    /** Renders the report of a run folder; rendering problems are printed, never fatal. */
    static java.nio.file.Path report(java.nio.file.Path folder) {
        try {
            ReportSummary summary = ReportWriter.write(folder);
            summary.problems().forEach(p -> System.out.println("report: " + p));
            return summary.report();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the report of " + folder + " cannot be written: " + e.getMessage(), e);
        }
    }
}

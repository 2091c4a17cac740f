package org.advmusic.experiments.pipeline;

import org.advmusic.engine.Backend;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.Checklist;
import org.advmusic.experiments.results.GradCamMetrics;
import org.advmusic.experiments.results.RunMetrics;

/**
 * The stages that follow a trained baseline's attack grid (the defenses, Grad-CAM and the waveform
 * study), each run on the baseline and recorded into the run folder: the same code for the
 * single-machine commands ({@code demo}, {@code defend}, {@code gradcam}) and for a sweep's driver.
 */
public final class BaselineStages {
    private BaselineStages() {
    }

    /**
     * Trains and evaluates the defenses against {@code baseline} (when {@code defenses.enabled}) and
     * records the defended models, their checklists and the comparison in {@code run}'s metrics.
     */
    public static void defenses(ExperimentConfig config, PreparedData data, TrainingStage.Trained baseline, Backend backend,
                                RunDirectory run) {
        if (!config.defenses().enabled()) {
            return;
        }
        record(run, DefenseStage.run(DefenseStage.Settings.of(config), data, baseline, AttackFactory.of(config, data), backend, run));
    }

    /** Records the defended models, their checklists and the comparison in {@code run}'s metrics. */
    public static void record(RunDirectory run, DefenseStage.Outcome outcome) {
        run.record(m -> {
            RunMetrics out = m;
            for (TrainingStage.Trained model : outcome.models()) {
                out = out.withModel(model.metrics());
            }
            for (Checklist checklist : outcome.checklists()) {
                out = out.withChecklist(checklist);
            }
            return out.withDefenses(outcome.comparison());
        });
    }

    /**
     * Grad-CAM (when {@code gradcam.enabled}) and the waveform study of {@code baseline}, recorded in
     * {@code run}'s metrics.
     */
    public static void explanations(ExperimentConfig config, PreparedData data, TrainingStage.Trained baseline, RunDirectory run) {
        AttackFactory factory = AttackFactory.of(config, data);
        int batch = config.attacks().batchSize();
        GradCamMetrics gradcam = config.gradcam().enabled()
                ? GradCamStage.run(baseline, data, factory, config.gradcam(), batch, config.seed(), run) : null;
        AudioStage.Outcome audio = AudioStage.run(baseline, data, factory, config.audio(),
                DataStage.segmentSettings(config.data()), run);
        run.record(m -> m.withGradcam(gradcam != null ? gradcam : m.gradcam()).withAudio(audio.tracks(), audio.budgets()));
    }
}

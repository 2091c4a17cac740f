package org.advmusic.distributed;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.defenses.squeezing.FeatureSqueezingDetector;
import org.advmusic.engine.Backend;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.AttackFactory;
import org.advmusic.experiments.pipeline.AttackTrack;
import org.advmusic.experiments.pipeline.AttackTracks;
import org.advmusic.experiments.pipeline.DefendedModel;
import org.advmusic.experiments.pipeline.DefenseAggregation;
import org.advmusic.experiments.pipeline.DefenseCell;
import org.advmusic.experiments.pipeline.DefenseStage;
import org.advmusic.experiments.pipeline.PreparedData;
import org.advmusic.experiments.pipeline.RunDirectory;
import org.advmusic.experiments.pipeline.TrainingStage;

/**
 * A sweep's defense comparison on the driver's side: the defended models trained and checked there
 * (training is not a grid over test tracks) with the single-machine stage's code, the detector
 * calibrated there, the job for the executors ({@link DefenseSweep}: the checkpoints broadcast as bytes,
 * the threshold, the cells), and the stage's outcome from the rows and summaries the executors return.
 */
final class DefensePart {
    private final ExperimentConfig config;
    private final DefenseStage.Defended defended;
    private final TrainingStage.Trained baseline;
    private final DefenseSweep.Plan plan;
    private final Map<String, CheckpointBytes> weights;

    private DefensePart(ExperimentConfig config, DefenseStage.Defended defended, TrainingStage.Trained baseline,
                        DefenseSweep.Plan plan, Map<String, CheckpointBytes> weights) {
        this.config = config;
        this.defended = defended;
        this.baseline = baseline;
        this.plan = plan;
        this.weights = weights;
    }

    /**
     * Trains the defended models (and runs their checklists on the sweep's tracks) and calibrates the detector.
     *
     * @param baselineFolder the baseline's checkpoint folder
     */
    static DefensePart trained(ExperimentConfig config, PreparedData data, TrainingStage.Trained baseline, AttackFactory factory,
                               List<AttackTrack> tracks, Backend backend, RunDirectory run, Path baselineFolder) {
        DefenseStage.Settings settings = DefenseStage.Settings.of(config);
        DefenseStage.Defended defended = DefenseStage.train(settings, data, baseline, factory, backend, run,
                data.test().data().subset(AttackTracks.rowsOf(data.test(), tracks)));
        FeatureSqueezingDetector detector = DefenseStage.detector(settings, data, baseline.model());
        Map<String, String> checkpoints = new LinkedHashMap<>();
        Map<String, CheckpointBytes> weights = new LinkedHashMap<>();
        for (DefendedModel m : defended.compared()) {
            checkpoints.put(m.name(), defended.weights(m.weights(), baseline).checkpoint());
            weights.computeIfAbsent(m.weights(), name -> CheckpointBytes.read(name.equals(DefenseStage.BASELINE) ? baselineFolder
                    : run.checkpoint(name)));
        }
        DefenseAggregation.Context context = DefenseStage.context(data, factory, detector);
        DefenseSweep.Plan plan = new DefenseSweep.Plan(defended.compared(), DefenseCell.grid(defended.compared(), factory,
                config.defenses(), config.attacks()), checkpoints, context.detector(), context.threshold(), data.spectrograms(),
                data.classes(), context.minimumNormBudgets());
        return new DefensePart(config, defended, baseline, plan, weights);
    }

    /** The executors' job. */
    SparkSweep.DefenseJob job() {
        return new SparkSweep.DefenseJob(plan, weights);
    }

    /**
     * Whether {@code outcome} (null when the defense jobs did not run) has every cell's rows of all
     * {@code usableTracks} tracks.
     */
    boolean completeIn(DefenseSweep.Outcome outcome, long usableTracks) {
        if (outcome == null || outcome.summaries().size() != plan.cells().size()) {
            return false;
        }
        Map<String, java.util.Set<String>> tracks = new java.util.HashMap<>();
        outcome.rows().forEach(r -> tracks.computeIfAbsent(r.sample().cell(), k -> new java.util.HashSet<>()).add(r.sample().track()));
        return plan.cells().stream().allMatch(c -> tracks.getOrDefault(c.key(), java.util.Set.of()).size() == usableTracks);
    }

    /**
     * The stage's outcome, as the single-machine stage returns it, with its rows written as
     * {@link DefenseStage#SAMPLES_FILE}.
     */
    DefenseStage.Outcome outcome(DefenseSweep.Outcome swept, RunDirectory run) {
        DefenseAggregation.write(run.file(DefenseStage.SAMPLES_FILE), swept.rows());
        DefenseAggregation.Result result = DefenseAggregation.assemble(swept.summaries(), plan.cells(), plan.compared());
        return new DefenseStage.Outcome(defended.models(), defended.checklists(),
                DefenseStage.metrics(DefenseStage.Settings.of(config), result, baseline.checkpoint()));
    }
}

package org.advmusic.experiments.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.advmusic.attacks.AttackResult;
import org.advmusic.defenses.EvaluationKind;
import org.advmusic.defenses.squeezing.FeatureSqueezingDetector;
import org.advmusic.engine.Backend;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.experiments.results.DefenseSampleRow;
import org.advmusic.experiments.results.SampleRow;
import org.advmusic.nn.Classifier;

/**
 * The unit of work of the defense comparison, the same in the single-machine defense stage and in a
 * sweep's tasks: every (track, defense cell) pair not yet done, each track's segments attacked as one
 * batch with the seed of {@link CellSeeds} (master seed, cell, track), one {@link DefenseSampleRow} per
 * segment. The detector's cells also score the clean and the attacked inputs.
 */
public final class DefenseTrackEvaluator {
    /**
     * A compared model ready to attack.
     *
     * @param model      its description
     * @param checkpoint the hash of its weights ({@code WeightHash}), written into its rows
     * @param views      the model as attacks see it ({@link DefendedModel#views})
     */
    public record Target(DefendedModel model, String checkpoint, Map<EvaluationKind, Classifier> views) {
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final FeatureSqueezingDetector detector;
    private final AttackFactory factory;
    private final int[] sampleShape;
    private final Backend backend;

    /**
     * @param targets     the compared models (not modified)
     * @param detector    the calibrated detector on the baseline, or null when no detector cell is evaluated
     * @param factory     the run's attack factory, whose seed is the master seed of the tracks' seeds
     * @param sampleShape the shape of one segment, e.g. (1, mels, frames)
     * @param backend     where the inputs are placed
     */
    public DefenseTrackEvaluator(List<Target> targets, FeatureSqueezingDetector detector, AttackFactory factory,
                                 int[] sampleShape, Backend backend) {
        targets.forEach(t -> this.targets.put(t.model().name(), t));
        this.detector = detector;
        this.factory = factory;
        this.sampleShape = sampleShape.clone();
        this.backend = backend;
    }

    /**
     * Attacks the usable tracks in every cell whose {@link TrackEvaluator#doneKey} is not in {@code done}.
     *
     * @param progress called with the number of (sample, cell) pairs done so far
     * @return one row per segment and cell, tracks in the given order, cells in the given order
     */
    public List<DefenseSampleRow> evaluate(List<TrackInputs> tracks, List<DefenseCell> cells, Set<String> done,
                                           LongConsumer progress) {
        List<DefenseSampleRow> rows = new ArrayList<>();
        long samplesDone = 0;
        for (TrackInputs t : tracks) {
            if (!t.usable()) {
                continue;
            }
            String track = t.track().track();
            int[] labels = new int[t.segments()];
            Arrays.fill(labels, t.track().label());
            int[] shape = new int[sampleShape.length + 1];
            shape[0] = t.segments();
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            for (DefenseCell cell : cells) {
                if (done.contains(TrackEvaluator.doneKey(track, cell.key()))) {
                    continue;
                }
                Target target = targets.get(cell.model());
                if (target == null) {
                    throw new IllegalArgumentException("defense cell '" + cell.key() + "' names model " + cell.model()
                            + "; the compared models are " + targets.keySet());
                }
                Classifier attacked = target.views().get(cell.detector() ? EvaluationKind.WHITE_BOX : cell.view());
                try (MemoryScope scope = MemoryScope.open()) {
                    // (segments, ...sampleShape) -> per-segment outcomes
                    Tensor inputs = Tensor.fromArray(backend, t.values(), shape);
                    AttackResult r = cell.attack(factory.withSeed(CellSeeds.of(factory.seed(), cell.key(), track)), detector)
                            .run(attacked, inputs, labels);
                    double[] cleanScores = scores(cell, inputs);
                    double[] adversarialScores = scores(cell, r.adversarial());
                    for (int s = 0; s < t.segments(); s++) {
                        SampleRow sample = new SampleRow(track, s, labels[s], cell.model(), target.checkpoint(), cell.key(),
                                r.attack(), r.threatModel().describe(), cell.norm().label(), cell.epsilon(),
                                r.cleanPredictions()[s], r.adversarialPredictions()[s], r.status()[s].name(), r.l2()[s],
                                r.linf()[s], r.gradientEvaluations()[s], r.queries()[s], r.seconds() / t.segments());
                        rows.add(new DefenseSampleRow(sample, cell.view().name(), cleanScores[s], adversarialScores[s]));
                    }
                }
                samplesDone += t.segments();
                progress.accept(samplesDone);
            }
        }
        return rows;
    }

    /** The detector's scores of {@code inputs} in a detector cell, NaN elsewhere. */
    private double[] scores(DefenseCell cell, Tensor inputs) {
        if (!cell.detector()) {
            double[] none = new double[inputs.dim(0)];
            Arrays.fill(none, Double.NaN);
            return none;
        }
        return detector.scores(inputs, inputs.dim(0));
    }
}

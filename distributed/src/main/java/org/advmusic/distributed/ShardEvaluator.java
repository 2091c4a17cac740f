package org.advmusic.distributed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import org.advmusic.attacks.AttackResult;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.experiments.pipeline.AttackFactory;
import org.advmusic.nn.Model;

/**
 * The work of one sweep task, and of a single-machine run of the same grid: every (track, cell) pair
 * of a shard not yet done, each track's segments attacked as one batch with the seed of
 * {@link SweepSeeds}. Plain Java with no Spark in it, so the single-machine run is this same code.
 */
public final class ShardEvaluator {
    private final Model model;
    private final String modelName;
    private final String weightHash;
    private final LongFunction<AttackFactory> factories;
    private final long masterSeed;

    /**
     * @param model      the model under attack, in evaluation mode (not modified)
     * @param modelName  its name in the run, written into every row
     * @param weightHash the hash of its weights ({@code WeightHash}), written into every row
     * @param factories  the run's attack factory for a given seed
     * @param masterSeed the config's seed
     */
    public ShardEvaluator(Model model, String modelName, String weightHash, LongFunction<AttackFactory> factories,
                          long masterSeed) {
        this.model = model;
        this.modelName = modelName;
        this.weightHash = weightHash;
        this.factories = factories;
        this.masterSeed = masterSeed;
    }

    /** The key of a done (track, cell) pair in {@code done} sets. */
    public static String doneKey(String track, String cellKey) {
        return track + "\u0000" + cellKey;
    }

    /**
     * Attacks the usable tracks with every cell whose {@link #doneKey} is not in {@code done}.
     *
     * @return one row per segment and cell, tracks in the given order, cells in grid order
     */
    public List<SweepRow> evaluate(List<TrackFeatures> tracks, List<SweepCell> cells, Set<String> done) {
        List<SweepRow> rows = new ArrayList<>();
        for (TrackFeatures t : tracks) {
            if (!t.usable()) {
                continue;
            }
            int[] labels = new int[t.segments()];
            Arrays.fill(labels, t.track().label());
            for (SweepCell cell : cells) {
                if (done.contains(doneKey(t.track().track(), cell.key()))) {
                    continue;
                }
                try (MemoryScope scope = MemoryScope.open()) {
                    // (segments, 1, mels, frames) -> per-segment outcomes
                    Tensor inputs = Tensor.fromArray(model.backend(), t.values(), t.segments(), 1, t.melBands(), t.frames());
                    AttackResult r = cell.attack(factories.apply(SweepSeeds.of(masterSeed, cell, t.track().track())))
                            .run(model, inputs, labels);
                    for (int s = 0; s < t.segments(); s++) {
                        rows.add(new SweepRow(t.track().track(), s, labels[s], modelName, weightHash, cell.key(), r.attack(),
                                r.threatModel().describe(), cell.norm().label(), cell.epsilon(), r.cleanPredictions()[s],
                                r.adversarialPredictions()[s], r.status()[s].name(), r.l2()[s], r.linf()[s],
                                r.gradientEvaluations()[s], r.queries()[s], r.seconds() / t.segments()));
                    }
                }
            }
        }
        return rows;
    }
}

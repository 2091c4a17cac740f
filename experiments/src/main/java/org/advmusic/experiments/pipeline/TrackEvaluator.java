package org.advmusic.experiments.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.advmusic.attacks.AttackResult;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.experiments.results.SampleRow;
import org.advmusic.nn.Model;

/**
 * The unit of work of the robustness grid on audio tracks, the same in the single-machine robustness
 * stage and in a sweep's tasks: every (track, cell) pair not yet done, each track's segments attacked
 * as one batch with the seed of {@link CellSeeds}, one {@link SampleRow} per segment.
 */
public final class TrackEvaluator {
    private final Model model;
    private final String modelName;
    private final String weightHash;
    private final AttackFactory factory;

    /**
     * @param model      the model under attack, in evaluation mode (not modified)
     * @param modelName  its name in the run, written into every row
     * @param weightHash the hash of its weights ({@code WeightHash}), written into every row
     * @param factory    the run's attack factory, whose seed is the master seed of the tracks' seeds
     */
    public TrackEvaluator(Model model, String modelName, String weightHash, AttackFactory factory) {
        this.model = model;
        this.modelName = modelName;
        this.weightHash = weightHash;
        this.factory = factory;
    }

    /** The key of a done (track, cell) pair in {@code done} sets. */
    public static String doneKey(String track, String cellKey) {
        return track + "\u0000" + cellKey;
    }

    /**
     * Attacks the usable tracks with every cell whose {@link #doneKey} is not in {@code done}.
     *
     * @param progress called with the number of (sample, cell) pairs done so far
     * @return one row per segment and cell, tracks in the given order, cells in grid order
     */
    public List<SampleRow> evaluate(List<TrackInputs> tracks, List<AttackCell> cells, Set<String> done, LongConsumer progress) {
        List<SampleRow> rows = new ArrayList<>();
        long samplesDone = 0;
        for (TrackInputs t : tracks) {
            if (!t.usable()) {
                continue;
            }
            int[] labels = new int[t.segments()];
            Arrays.fill(labels, t.track().label());
            for (AttackCell cell : cells) {
                if (done.contains(doneKey(t.track().track(), cell.key()))) {
                    continue;
                }
                try (MemoryScope scope = MemoryScope.open()) {
                    // (segments, 1, mels, frames) -> per-segment outcomes
                    Tensor inputs = Tensor.fromArray(model.backend(), t.values(), t.segments(), 1, t.melBands(), t.frames());
                    AttackResult r = cell.attack(factory.withSeed(CellSeeds.of(factory.seed(), cell, t.track().track())))
                            .run(model, inputs, labels);
                    for (int s = 0; s < t.segments(); s++) {
                        rows.add(new SampleRow(t.track().track(), s, labels[s], modelName, weightHash, cell.key(), r.attack(),
                                r.threatModel().describe(), cell.norm().label(), cell.epsilon(), r.cleanPredictions()[s],
                                r.adversarialPredictions()[s], r.status()[s].name(), r.l2()[s], r.linf()[s],
                                r.gradientEvaluations()[s], r.queries()[s], r.seconds() / t.segments()));
                    }
                }
                samplesDone += t.segments();
                progress.accept(samplesDone);
            }
        }
        return rows;
    }
}

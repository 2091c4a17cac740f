package org.advmusic.defenses.adversarial;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.PerSample;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;
import org.advmusic.nn.Model;
import org.advmusic.nn.train.BatchTransform;
import org.advmusic.nn.train.LabeledData;

/**
 * The trainer's batch hook for adversarial training: every batch has a share of its samples
 * (all of them, or half for the mixed 50/50 variant) replaced by adversarial examples generated
 * against the current weights; labels stay the true labels.
 *
 * <p>Examples are generated with the model in evaluation mode (running batch-norm statistics, no
 * dropout), as TRADES does, so that the attack's many forward passes neither update the running
 * statistics nor draw dropout masks; the trainer switches back to training mode for the update.
 * The replaced rows and the random starts are seeded by {@code (spec seed, global step)}.
 */
public final class AdversarialTraining implements BatchTransform {
    private final AdversarialTrainingSpec spec;
    private final InputBox box;

    public AdversarialTraining(AdversarialTrainingSpec spec, InputBox box) {
        this.spec = spec;
        this.box = box;
    }

    /** The spec this transform follows. */
    public AdversarialTrainingSpec spec() {
        return spec;
    }

    @Override
    public LabeledData transform(Model model, LabeledData batch, long step) {
        return transform(model, model, batch, step);
    }

    /**
     * Like {@link #transform(Model, LabeledData, long)} with the adversarial examples made against
     * {@code attacked}, a view of {@code model} (e.g. the model behind an input transform).
     */
    LabeledData transform(Model model, Classifier attacked, LabeledData batch, long step) {
        int n = batch.size();
        int count = (int) Math.round(spec.adversarialFraction() * n);
        if (count == 0) {
            return batch;
        }
        long seed = CounterRandom.derive(spec.seed(), step);
        int[] rows = replacedRows(n, count, seed);
        Tensor clean = count == n ? batch.inputs() : batch.inputs().selectRowsDetached(rows);
        int[] labels = count == n ? batch.labels() : PerSample.select(batch.labels(), rows);
        model.eval();
        Tensor adversarial = spec.attack(box, seed).perturb(attacked, clean, labels);
        Tensor inputs = count == n ? adversarial : InPlace.setRows(batch.inputs().copy(), rows, adversarial);
        return new LabeledData(inputs, batch.labels());
    }

    /** {@code count} distinct rows of {@code n}, in increasing order, chosen by a seeded shuffle. */
    static int[] replacedRows(int n, int count, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] rows = Arrays.copyOf(order, count);
        Arrays.sort(rows);
        return rows;
    }
}

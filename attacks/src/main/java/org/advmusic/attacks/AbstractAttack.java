package org.advmusic.attacks;

import java.util.Arrays;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * What every attack does around its core: validate the batch, classify the clean inputs, choose the
 * targets, run the core on the samples that can be attacked, then verify every outcome with a last
 * forward pass. Success is never taken on the core's word: a sample counts as adversarial only if
 * the model's final prediction says so (and, for bounded attacks, the perturbation is within
 * epsilon). Samples that were not attacked are returned unchanged; attacked samples are returned as
 * the core left them (fixed-budget attacks: the final iterate, adversarial or not; minimum-norm
 * attacks: the smallest adversarial point, or the clean input when none was found).
 */
public abstract class AbstractAttack implements Attack {
    private final ThreatModel threatModel;

    protected AbstractAttack(ThreatModel threatModel) {
        this.threatModel = threatModel;
    }

    @Override
    public final ThreatModel threatModel() {
        return threatModel;
    }

    /**
     * The attack proper, on samples that are correctly classified (untargeted) or not yet at their
     * target, with finite clean scores.
     *
     * @param inputs  (M, ...) clean inputs
     * @param labels  M true labels
     * @param targets M targets, or null when untargeted
     */
    protected abstract CoreResult attack(Classifier model, Tensor inputs, int[] labels, int[] targets);

    /**
     * @param adversarial         (M, ...) inputs inside the box
     * @param gradientEvaluations per sample
     * @param queries             per sample
     * @param steps               per sample
     * @param invalid             per sample: the model's output turned non-finite during the attack
     */
    protected record CoreResult(Tensor adversarial, long[] gradientEvaluations, long[] queries, int[] steps,
                                boolean[] invalid) {
    }

    /** Whether the perturbation of a successful sample must also lie within epsilon to count. */
    protected boolean boundedByEpsilon() {
        return true;
    }

    @Override
    public final AttackResult run(Classifier model, Tensor inputs, int[] labels) {
        long start = System.nanoTime();
        int n = inputs.rank() == 0 ? 0 : inputs.dim(0);
        if (labels.length != n) {
            throw new IllegalArgumentException(name() + ": " + labels.length + " labels for a batch of " + n);
        }
        threatModel.box().requireInside(name(), inputs);
        Tensor adversarial;
        int[] cleanPredictions;
        int[] finalPredictions;
        int[] targets;
        SampleStatus[] status = new SampleStatus[n];
        long[] gradientEvaluations = new long[n];
        long[] queries = new long[n];
        int[] steps = new int[n];
        boolean[] invalidDuringAttack = new boolean[n];
        try (MemoryScope scope = MemoryScope.open()) {
            Scores clean = Scores.of(name(), model, inputs);
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= clean.classes()) {
                    throw new IllegalArgumentException(name() + ": label " + labels[i] + " of sample " + i
                            + " is outside [0, " + clean.classes() + ")");
                }
            }
            cleanPredictions = clean.predictions();
            targets = threatModel.targeting().resolve(labels, clean.logits(), clean.classes());
            int[] eligible = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (!clean.finite()[i]) {
                    status[i] = SampleStatus.INVALID_OUTPUT;
                } else if (goalReached(cleanPredictions[i], labels[i], targets == null ? -1 : targets[i])) {
                    status[i] = targets == null ? SampleStatus.ALREADY_MISCLASSIFIED : SampleStatus.ALREADY_AT_TARGET;
                } else {
                    eligible[m++] = i;
                }
            }
            eligible = Arrays.copyOf(eligible, m);
            adversarial = inputs.copy();
            if (m > 0) {
                Tensor subset = m == n ? inputs : inputs.selectRowsDetached(eligible);
                CoreResult core = attack(model, subset, PerSample.select(labels, eligible), PerSample.select(targets, eligible));
                try (var ignored = Autograd.noGrad()) {
                    InPlace.setRows(adversarial, eligible, threatModel.box().clip(core.adversarial()));
                }
                for (int j = 0; j < m; j++) {
                    int i = eligible[j];
                    gradientEvaluations[i] = core.gradientEvaluations()[j];
                    queries[i] = core.queries()[j];
                    steps[i] = core.steps()[j];
                    invalidDuringAttack[i] = core.invalid()[j];
                }
            }
            Scores last = Scores.of(name(), model, adversarial);
            finalPredictions = last.predictions();
            double[] bound = PerSample.norms(threatModel.norm(), adversarial.sub(inputs));
            for (int j = 0; j < m; j++) {
                int i = eligible[j];
                boolean within = !boundedByEpsilon() || bound[i] <= threatModel.epsilon() * (1 + 1e-5) + 1e-7;
                if (!last.finite()[i] || invalidDuringAttack[i]) {
                    status[i] = SampleStatus.INVALID_OUTPUT;
                } else if (within && goalReached(finalPredictions[i], labels[i], targets == null ? -1 : targets[i])) {
                    status[i] = SampleStatus.SUCCEEDED;
                } else {
                    status[i] = SampleStatus.FAILED;
                }
            }
            adversarial.keep();
        }
        Tensor delta = adversarial.sub(inputs);
        double[] l2 = PerSample.l2(delta);
        double[] linf = PerSample.linf(delta);
        delta.release();
        return new AttackResult(name(), threatModel, inputs, adversarial, labels.clone(), targets, cleanPredictions,
                finalPredictions, status, l2, linf, gradientEvaluations, queries, steps, (System.nanoTime() - start) / 1e9);
    }

    /** Untargeted: the prediction differs from the label; targeted: it equals the target. */
    static boolean goalReached(int prediction, int label, int target) {
        return target < 0 ? prediction != label : prediction == target;
    }

    /** Clean or final scores of a batch, with non-finite outputs flagged per sample. */
    record Scores(double[] logits, int classes, int[] predictions, boolean[] finite) {
        static Scores of(String attack, Classifier model, Tensor batch) {
            Tensor logits;
            try (var ignored = Autograd.noGrad()) {
                logits = model.logits(batch);
            }
            int n = batch.dim(0);
            if (logits.rank() != 2 || logits.dim(0) != n) {
                throw new IllegalStateException(attack + ": the model returned logits of shape " + logits.shape()
                        + " for a batch of " + n + "; expected (" + n + ", classes)");
            }
            int k = logits.dim(1);
            double[] values = logits.toDoubleArray();
            int[] predictions = new int[n];
            boolean[] finite = new boolean[n];
            for (int i = 0; i < n; i++) {
                int best = 0;
                boolean ok = true;
                for (int c = 0; c < k; c++) {
                    double v = values[i * k + c];
                    ok &= Double.isFinite(v);
                    if (v > values[i * k + best]) {
                        best = c;
                    }
                }
                finite[i] = ok;
                predictions[i] = ok ? best : -1;
            }
            return new Scores(values, k, predictions, finite);
        }
    }
}

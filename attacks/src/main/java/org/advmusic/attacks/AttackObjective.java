package org.advmusic.attacks;

import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;

/**
 * A per-sample loss that an attack increases: the larger, the closer the sample is to the attack's
 * goal. Holds the labels (and targets) of the samples it scores.
 */
public interface AttackObjective {

    /**
     * @param input  (N, ...) the points being scored (part of the graph: an objective may use them,
     *               e.g. to add a detector's score)
     * @param logits (N, classes) the model's scores of {@code input}
     * @return (N) losses, differentiable with respect to the input
     */
    Tensor perSample(Tensor input, Tensor logits);

    /** Builds the objective of a batch from its labels and targets (targets null when untargeted). */
    @FunctionalInterface
    interface Factory {
        /** The objective for samples with these labels and targets. */
        AttackObjective create(int[] labels, int[] targets);
    }

    /** The objective restricted to the samples {@code rows} (in that order). */
    AttackObjective select(int[] rows);

    /**
     * Cross-entropy: {@code CE(logits, label)} when untargeted (push away from the true class),
     * {@code -CE(logits, target)} when targeted (pull towards the target).
     */
    static AttackObjective crossEntropy(int[] labels, int[] targets) {
        return new AttackObjective() {
            @Override
            public Tensor perSample(Tensor input, Tensor logits) {
                return targets == null ? SoftmaxCrossEntropy.perSample(logits, labels)
                        : SoftmaxCrossEntropy.perSample(logits, targets).neg();
            }

            @Override
            public AttackObjective select(int[] rows) {
                return crossEntropy(PerSample.select(labels, rows), PerSample.select(targets, rows));
            }
        };
    }

    /**
     * The logit difference of FMN: {@code max_{j != y} z_j - z_y} when untargeted (positive once the
     * prediction changed), {@code z_t - max_{j != t} z_j} when targeted (positive once the target wins).
     */
    static AttackObjective logitMargin(int[] labels, int[] targets) {
        return new AttackObjective() {
            @Override
            public Tensor perSample(Tensor input, Tensor logits) {
                int[] reference = targets == null ? labels : targets;
                Tensor margin = LogitMargin.apply(logits, reference); // z_ref - max other
                return targets == null ? margin.neg() : margin;
            }

            @Override
            public AttackObjective select(int[] rows) {
                return logitMargin(PerSample.select(labels, rows), PerSample.select(targets, rows));
            }
        };
    }
}

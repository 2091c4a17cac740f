package org.advmusic.attacks;

import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * An evasion attack. It needs only a model that maps a batch to logits, and leaves the model's
 * weights and mode untouched (put the model in evaluation mode before attacking it).
 */
public interface Attack {

    /** A short name for reports, e.g. "PGD-Linf". */
    String name();

    /** The threat model every result states. */
    ThreatModel threatModel();

    /**
     * Attacks a batch.
     *
     * @param model  maps (N, ...) inputs to (N, classes) logits
     * @param inputs (N, ...) clean inputs inside the threat model's box (checked)
     * @param labels N true labels
     * @return adversarial inputs (N, ...) and per-sample outcomes; {@code inputs} is not modified
     */
    AttackResult run(Classifier model, Tensor inputs, int[] labels);
}

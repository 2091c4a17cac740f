package org.advmusic.attacks;

import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;

/**
 * A fixed-budget attack used as the inner maximisation of adversarial training: it perturbs every
 * sample (also misclassified ones) to increase the loss inside the threat model, with no
 * bookkeeping of success.
 */
public interface LossMaximizer {

    /**
     * @param inputs (N, ...) inside the box; not modified
     * @param labels N true labels
     * @return (N, ...) perturbed inputs inside the ball and the box
     */
    Tensor perturb(Classifier model, Tensor inputs, int[] labels);
}

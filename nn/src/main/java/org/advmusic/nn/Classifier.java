package org.advmusic.nn;

import org.advmusic.engine.Tensor;

/**
 * Anything that maps a batch of inputs to class logits: the only thing attacks and evaluations
 * need from a model. A trained network, a network behind an input transform (feature squeezing), or
 * a non-differentiable model all fit.
 */
@FunctionalInterface
public interface Classifier {

    /**
     * @param batch (N, ...) inputs in the model's input box
     * @return (N, classes) unnormalised scores; differentiable with respect to {@code batch} when the
     *         model is
     */
    Tensor logits(Tensor batch);
}

package org.advmusic.nn.train;

import org.advmusic.nn.Model;

/**
 * Replaces or mixes each training batch before the training step: adversarial training returns
 * adversarial examples (all of them, or half mixed with the clean ones). The trainer puts the model
 * back into training mode afterwards, so a transform may switch it to evaluation mode while it
 * attacks.
 */
@FunctionalInterface
public interface BatchTransform {

    /**
     * @param model the model being trained (its parameters must not be modified)
     * @param batch the clean batch
     * @param step  the global step, counted from 0 over all epochs (for step-dependent seeds)
     * @return the batch to train on, on the model's backend
     */
    LabeledData transform(Model model, LabeledData batch, long step);
}

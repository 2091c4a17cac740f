package org.advmusic.nn.optim;

import java.util.Map;
import org.advmusic.nn.Parameter;

/** Adam with decoupled weight decay, PyTorch's {@code AdamW} (see {@link Adam} for the update rule). */
public final class AdamW extends Adam {

    /** AdamW with explicit hyperparameters. */
    public AdamW(Map<String, Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon,
                 double weightDecay) {
        super(parameters, learningRate, beta1, beta2, epsilon, weightDecay, true);
    }

    /** AdamW with PyTorch's defaults: betas (0.9, 0.999), epsilon 1e-8, weight decay 0.01. */
    public AdamW(Map<String, Parameter> parameters, double learningRate) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8, 0.01);
    }
}

package org.advmusic.nn;

import java.util.Map;
import org.advmusic.engine.Tensor;

/**
 * The output of a forward pass together with the requested intermediate activations. The
 * activations are part of the autograd graph, so {@code Autograd.grad(score, activation)} gives the
 * gradient that Grad-CAM needs.
 *
 * @param output      the module's output (logits for a model)
 * @param activations requested module path (e.g. {@code "features.3.relu2"}) to that module's output
 */
public record ForwardResult(Tensor output, Map<String, Tensor> activations) {

    public ForwardResult {
        activations = Map.copyOf(activations);
    }

    /** The output of the module at {@code path}; throws when it was not requested. */
    public Tensor activation(String path) {
        Tensor t = activations.get(path);
        if (t == null) {
            throw new IllegalArgumentException("activation '" + path + "' was not captured; captured: "
                    + activations.keySet());
        }
        return t;
    }
}

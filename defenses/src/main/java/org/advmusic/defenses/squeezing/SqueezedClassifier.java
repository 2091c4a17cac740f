package org.advmusic.defenses.squeezing;

import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.StraightThrough;
import org.advmusic.nn.Classifier;

/**
 * Feature squeezing as a defense in front of a model: {@code model(squeeze(x))}.
 *
 * <p>How gradients cross the squeezer decides how honest a white-box evaluation is. With
 * {@link GradientMode#BLOCKED} the squeezed input is a new leaf and attacks see a zero input
 * gradient (the naive evaluation that overstates robustness); with {@link GradientMode#BPDA} the
 * squeezer is treated as the identity on the way back (Athalye et al. 2018), the adaptive evaluation.
 */
public final class SqueezedClassifier implements Classifier {

    /** How the input gradient crosses the squeezer. */
    public enum GradientMode {
        /** no gradient reaches the input: the naive, misleading evaluation */
        BLOCKED,
        /** the identity gradient (backward pass differentiable approximation): the adaptive evaluation */
        BPDA
    }

    private final Classifier model;
    private final Squeezer squeezer;
    private final GradientMode mode;

    public SqueezedClassifier(Classifier model, Squeezer squeezer, GradientMode mode) {
        this.model = model;
        this.squeezer = squeezer;
        this.mode = mode;
    }

    @Override
    public Tensor logits(Tensor batch) {
        Tensor squeezed = mode == GradientMode.BPDA ? StraightThrough.apply(batch, squeezer::apply) : squeezer.apply(batch);
        return model.logits(squeezed);
    }

    /** The squeezer in front of the model. */
    public Squeezer squeezer() {
        return squeezer;
    }

    /** How gradients cross the squeezer. */
    public GradientMode mode() {
        return mode;
    }
}

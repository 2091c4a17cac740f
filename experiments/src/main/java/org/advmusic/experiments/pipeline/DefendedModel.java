package org.advmusic.experiments.pipeline;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.InputBox;
import org.advmusic.defenses.EvaluationKind;
import org.advmusic.defenses.squeezing.BitDepthSqueezer;
import org.advmusic.defenses.squeezing.ComposedSqueezer;
import org.advmusic.defenses.squeezing.MedianFilterSqueezer;
import org.advmusic.defenses.squeezing.SqueezedClassifier;
import org.advmusic.defenses.squeezing.Squeezer;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.nn.Classifier;

/**
 * One model of the defense comparison as the evaluation needs it, without its weights: its name, how it
 * was made, and which input transform stands in front of it at inference. The views that attacks see
 * ({@link #views}) are rebuilt from this description, the config and the weights wherever the model is
 * evaluated (the driver, or a sweep's executors after a broadcast of the weights).
 *
 * @param name            the comparison's name, e.g. "adversarial-mixed" (also its checkpoint folder, except
 *                        for models that reuse another's weights: see {@code weights})
 * @param description     how it was trained or defended, in words
 * @param trainingSeconds training time, or NaN when not trained here
 * @param weights         the name of the model whose weights it runs (its own name, or "baseline")
 * @param squeezing       the transform in front of the model at inference
 */
public record DefendedModel(String name, String description, double trainingSeconds, String weights, Squeezing squeezing)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The input transform at inference, each rebuilt from the config's {@code defenses} section and the input box. */
    public enum Squeezing {
        /** none: the model is differentiable end to end (one white-box view) */
        NONE,
        /** bit-depth squeezing with {@code defenses.squeezing_bits} */
        BITS,
        /** bit-depth squeezing with {@code defenses.squeezing_training_bits} (the model was trained on it) */
        TRAINING_BITS,
        /** {@code defenses.squeezing_bits}, followed by the median filter for spectrograms */
        INFERENCE;

        /** The squeezer, or null for {@link #NONE}. */
        public Squeezer squeezer(ExperimentConfig.DefenseConfig d, InputBox box, boolean spectrograms) {
            return switch (this) {
                case NONE -> null;
                case BITS -> new BitDepthSqueezer(d.squeezingBits(), box);
                case TRAINING_BITS -> new BitDepthSqueezer(d.squeezingTrainingBits(), box);
                case INFERENCE -> {
                    List<Squeezer> parts = detectorSqueezers(d, box, spectrograms);
                    yield parts.size() == 1 ? parts.get(0) : new ComposedSqueezer(parts);
                }
            };
        }
    }

    /** The views' kinds, in the order of {@link #views}. */
    public List<EvaluationKind> viewKinds() {
        return squeezing == Squeezing.NONE ? List.of(EvaluationKind.WHITE_BOX)
                : List.of(EvaluationKind.NAIVE, EvaluationKind.ADAPTIVE_BPDA);
    }

    /**
     * The model as attacks see it: one white-box view, or for a model behind a squeezer the naive view
     * (gradients blocked) and the adaptive one (BPDA), in that order.
     *
     * @param model the model with this description's weights, in evaluation mode
     */
    public Map<EvaluationKind, Classifier> views(Classifier model, ExperimentConfig.DefenseConfig d, InputBox box,
                                                 boolean spectrograms) {
        Squeezer squeezer = squeezing.squeezer(d, box, spectrograms);
        Map<EvaluationKind, Classifier> views = new LinkedHashMap<>();
        if (squeezer == null) {
            views.put(EvaluationKind.WHITE_BOX, model);
        } else {
            views.put(EvaluationKind.NAIVE, new SqueezedClassifier(model, squeezer, SqueezedClassifier.GradientMode.BLOCKED));
            views.put(EvaluationKind.ADAPTIVE_BPDA, new SqueezedClassifier(model, squeezer, SqueezedClassifier.GradientMode.BPDA));
        }
        return views;
    }

    /** The feature-squeezing detector's squeezers: bit depth, and the median filter for spectrograms. */
    public static List<Squeezer> detectorSqueezers(ExperimentConfig.DefenseConfig d, InputBox box, boolean spectrograms) {
        Squeezer bits = new BitDepthSqueezer(d.squeezingBits(), box);
        return spectrograms && d.medianSize() >= 2 ? List.of(bits, new MedianFilterSqueezer(d.medianSize(), d.medianSize()))
                : List.of(bits);
    }
}

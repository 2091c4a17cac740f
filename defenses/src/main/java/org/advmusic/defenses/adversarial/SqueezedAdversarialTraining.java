package org.advmusic.defenses.adversarial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.advmusic.attacks.InputBox;
import org.advmusic.defenses.squeezing.SqueezedClassifier;
import org.advmusic.defenses.squeezing.Squeezer;
import org.advmusic.nn.Model;
import org.advmusic.nn.train.BatchTransform;
import org.advmusic.nn.train.LabeledData;

/**
 * Seed 002's "Squeezing (Mixed)" and "Squeezing (Pure)": adversarial training (50/50 or 100%) on
 * squeezed inputs, for a model deployed behind the same squeezer ({@link SqueezedClassifier}).
 * Each batch's adversarial examples are made against the deployed pipeline {@code model(squeeze(x))},
 * with the identity gradient through the squeezer (BPDA), since a naive attack on it sees no
 * gradient; then every input of the batch, clean and adversarial, is squeezed, so the model learns
 * on the quantised inputs it sees at inference. Labels stay the true labels.
 */
public final class SqueezedAdversarialTraining implements BatchTransform {
    private final AdversarialTraining adversarial;
    private final Squeezer squeezer;

    /** @param squeezer the squeezer used in training and at inference (seed 002: 5-bit depth) */
    public SqueezedAdversarialTraining(AdversarialTrainingSpec spec, InputBox box, Squeezer squeezer) {
        this.adversarial = new AdversarialTraining(spec, box);
        this.squeezer = squeezer;
    }

    /** The squeezer in training and at inference. */
    public Squeezer squeezer() {
        return squeezer;
    }

    /** (N, ...) -> (N, ...): a share of the rows made adversarial against the squeezed model, then all squeezed. */
    @Override
    public LabeledData transform(Model model, LabeledData batch, long step) {
        SqueezedClassifier deployed = new SqueezedClassifier(model, squeezer, SqueezedClassifier.GradientMode.BPDA);
        LabeledData mixed = adversarial.transform(model, deployed, batch, step);
        return new LabeledData(squeezer.apply(mixed.inputs()), mixed.labels());
    }

    /** The defense as a plain map for {@code ModelSpec.withDefense}: the training spec plus the squeezer. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(adversarial.spec().toMap());
        map.put("type", "squeezed-adversarial-training");
        map.put("squeezer", squeezer.name());
        map.put("squeezer_at_inference", squeezer.name());
        return map;
    }

    /** A short name for tables, e.g. "PGD-7 mixed 50% Linf eps=0.01 on bit-depth-5 inputs". */
    public String describe() {
        return adversarial.spec().describe() + " on " + squeezer.name() + " inputs, " + squeezer.name() + " at inference";
    }
}

package org.advmusic.defenses.squeezing;

import org.advmusic.attacks.AttackObjective;
import org.advmusic.attacks.PerSample;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;

/**
 * The adaptive attack's objective against classifier + detector: the cross-entropy away from the
 * label (towards the target) minus {@code weight * max(0, score(x) - margin * threshold)}, so that
 * the attack also pushes the squeezing score below the calibrated threshold. Gradients reach the
 * input through the squeezers' identity gradient (BPDA).
 */
public final class DetectorAwareObjective implements AttackObjective {
    private final FeatureSqueezingDetector detector;
    private final double weight;
    private final double margin;
    private final int[] labels;
    private final int[] targets;

    private DetectorAwareObjective(FeatureSqueezingDetector detector, double weight, double margin, int[] labels,
                                   int[] targets) {
        this.detector = detector;
        this.weight = weight;
        this.margin = margin;
        this.labels = labels;
        this.targets = targets;
    }

    /**
     * @param weight how much a unit of score above the threshold costs, in cross-entropy units
     * @param margin the attack aims below {@code margin * threshold} (e.g. 0.8), to keep a safety gap
     */
    public static AttackObjective.Factory factory(FeatureSqueezingDetector detector, double weight, double margin) {
        if (Double.isNaN(detector.threshold())) {
            throw new IllegalStateException("detector-aware attack: calibrate the detector first");
        }
        if (!(weight > 0) || !(margin > 0 && margin <= 1)) {
            throw new IllegalArgumentException("detector-aware attack: weight " + weight + " and margin " + margin
                    + "; expected weight > 0 and margin in (0, 1]");
        }
        return (labels, targets) -> new DetectorAwareObjective(detector, weight, margin, labels, targets);
    }

    @Override
    public Tensor perSample(Tensor input, Tensor logits) {
        Tensor classification = targets == null ? SoftmaxCrossEntropy.perSample(logits, labels)
                : SoftmaxCrossEntropy.perSample(logits, targets).neg();
        Tensor excess = detector.scoreFromLogits(input, logits).sub(margin * detector.threshold()).relu();
        return classification.sub(excess.mul(weight));
    }

    @Override
    public AttackObjective select(int[] rows) {
        return new DetectorAwareObjective(detector, weight, margin, PerSample.select(labels, rows), PerSample.select(targets, rows));
    }
}

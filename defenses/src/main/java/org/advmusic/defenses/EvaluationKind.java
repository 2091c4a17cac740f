package org.advmusic.defenses;

/** How the white-box gradients of an evaluated number were obtained; stated beside every number. */
public enum EvaluationKind {
    /** the model is differentiable end to end: the plain white-box attack is already adaptive */
    WHITE_BOX("white-box"),
    /** a non-differentiable input transform blocks the gradient: a misleading, non-adaptive number */
    NAIVE("naive (gradients blocked by the transform)"),
    /** the transform is crossed with the identity gradient (BPDA): the adaptive number */
    ADAPTIVE_BPDA("adaptive (BPDA through the transform)"),
    /** the attack's loss also keeps the detector quiet */
    ADAPTIVE_DETECTOR_AWARE("adaptive (detector-aware loss)");

    private final String description;

    EvaluationKind(String description) {
        this.description = description;
    }

    /** The label printed in reports. */
    public String description() {
        return description;
    }

    /** Whether the number comes from an attack that accounts for the defense. */
    public boolean adaptive() {
        return this != NAIVE;
    }
}

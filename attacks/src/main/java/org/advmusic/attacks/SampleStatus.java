package org.advmusic.attacks;

/** What happened to one sample in an attack. */
public enum SampleStatus {
    /** The final adversarial input reaches the goal (verified by a last forward pass). */
    SUCCEEDED,
    /** The attack ran and did not reach the goal. */
    FAILED,
    /** Untargeted: the clean input is already misclassified, so it was not attacked. */
    ALREADY_MISCLASSIFIED,
    /** Targeted: the clean input is already classified as the target. */
    ALREADY_AT_TARGET,
    /** The model returned a non-finite score for this sample; it was left unchanged. */
    INVALID_OUTPUT
}

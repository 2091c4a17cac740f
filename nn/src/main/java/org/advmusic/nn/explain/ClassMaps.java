package org.advmusic.nn.explain;

/**
 * Grad-CAM maps of one batch for the class choice of {@link GradCam#explain(org.advmusic.engine.Tensor,
 * int[], ExplainedClass)}: the true-class maps, the predicted-class maps, or both.
 *
 * @param trueClass      maps of each sample's label, or null when not asked for
 * @param predictedClass maps of each sample's predicted class, or null when not asked for
 */
public record ClassMaps(CamResult trueClass, CamResult predictedClass) {
    public ClassMaps {
        if (trueClass == null && predictedClass == null) {
            throw new IllegalArgumentException("class maps: neither true-class nor predicted-class maps given");
        }
    }

    /** The maps to show first: the true class's when present, else the predicted class's. */
    public CamResult primary() {
        return trueClass != null ? trueClass : predictedClass;
    }

    /** Frees the tensors of both results early. */
    public void release() {
        if (trueClass != null) {
            trueClass.release();
        }
        if (predictedClass != null) {
            predictedClass.release();
        }
    }
}

package org.advmusic.nn.explain;

import org.advmusic.engine.Tensor;

/** Picks one class's value per sample out of a batch of per-class values. */
final class ClassColumns {
    private ClassColumns() {
    }

    /**
     * @param perClass (N, classes), e.g. logits or probabilities
     * @param classes  (N) the class to pick for every sample
     * @return (N) {@code perClass[i, classes[i]]}
     */
    static double[] select(Tensor perClass, int[] classes) {
        double[] values = perClass.toDoubleArray();
        int classCount = perClass.dim(1);
        double[] out = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = values[i * classCount + classes[i]];
        }
        return out;
    }
}

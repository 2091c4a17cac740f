package org.advmusic.nn.train;

import java.util.Arrays;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * Samples with integer class labels: a data set, a split, or one mini-batch.
 *
 * @param inputs (N, ...) samples on one backend
 * @param labels N class indices (not copied: do not modify)
 */
public record LabeledData(Tensor inputs, int[] labels) {

    public LabeledData {
        if (inputs == null || labels == null) {
            throw new IllegalArgumentException("labeled data: inputs and labels are required");
        }
        if (inputs.rank() == 0 || inputs.dim(0) == 0 || labels.length == 0) {
            throw new IllegalArgumentException("labeled data: the data set is empty (inputs " + inputs.shape()
                    + ", " + labels.length + " labels); expected at least one sample");
        }
        if (inputs.dim(0) != labels.length) {
            throw new IllegalArgumentException("labeled data: " + inputs.dim(0) + " samples but " + labels.length
                    + " labels");
        }
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** The shape of one sample. */
    public Shape sampleShape() {
        int[] dims = inputs.shape().dims();
        return Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
    }

    /** The samples at {@code rows}, in that order (new tensor in the current memory scope). */
    public LabeledData subset(int[] rows) {
        int[] selected = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            selected[i] = labels[rows[i]];
        }
        return new LabeledData(inputs.selectRowsDetached(rows), selected);
    }

    /**
     * Throws unless every label lies in {@code [0, classes)}.
     *
     * @param what names the data in the message, e.g. "training data"
     */
    public void requireLabelsBelow(int classes, String what) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(what + ": label " + labels[i] + " of sample " + i
                        + " is outside [0, " + classes + ") (the model has " + classes + " classes)");
            }
        }
    }
}

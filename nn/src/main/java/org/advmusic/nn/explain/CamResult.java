package org.advmusic.nn.explain;

import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;

/**
 * Class-activation maps of a batch, as computed by {@link GradCam}. The tensors live on the model's
 * backend and belong to the memory scope that was open around {@link GradCam#explain} (or to nobody
 * when none was); {@link #release()} frees them early.
 *
 * @param layer          the explained layer's module path, e.g. {@code "features.3.relu2"}
 * @param method         how the channels were weighted
 * @param maps           (N, H, W) the raw maps {@code ReLU(sum_k w_k A_k)} upsampled bilinearly to the
 *                       input's height and width; non-negative, in the units of the activation times
 *                       the weights (comparable between samples and between clean and attacked inputs)
 * @param normalizedMaps (N, H, W) each map min-max scaled to [0, 1] for display (see
 *                       {@link GradCam#NORMALIZATION_EPSILON})
 * @param channelWeights (N, K) the weight of every channel of the layer
 * @param classes        (N) the explained class of every sample
 * @param scores         (N) the explained class's score (logit, before softmax)
 * @param probabilities  (N) the explained class's softmax probability
 * @param predictions    (N) the model's predicted class (argmax of the logits)
 */
public record CamResult(String layer, CamMethod method, Tensor maps, Tensor normalizedMaps, Tensor channelWeights,
                        int[] classes, double[] scores, double[] probabilities, int[] predictions) {

    /** The number of samples N. */
    public int size() {
        return classes.length;
    }

    /** The maps' height H (frequency bins of a spectrogram). */
    public int height() {
        return maps.dim(1);
    }

    /** The maps' width W (time frames of a spectrogram). */
    public int width() {
        return maps.dim(2);
    }

    /** The raw map of one sample as {@code [frequency][time]} (H x W) values. */
    public double[][] map(int sample) {
        return plane(maps, sample);
    }

    /** The display map of one sample, in [0, 1], as {@code [frequency][time]} (H x W) values. */
    public double[][] normalizedMap(int sample) {
        return plane(normalizedMaps, sample);
    }

    /** Frees the three tensors now; the result must not be used afterwards. */
    public void release() {
        maps.release();
        normalizedMaps.release();
        channelWeights.release();
    }

    private double[][] plane(Tensor batch, int sample) {
        if (sample < 0 || sample >= size()) {
            throw new IndexOutOfBoundsException("CamResult: sample " + sample + " outside [0, " + size() + ")");
        }
        double[] values;
        try (MemoryScope ignored = MemoryScope.open()) {
            values = batch.selectRowsDetached(sample).toDoubleArray();
        }
        int h = height();
        int w = width();
        double[][] out = new double[h][w];
        for (int i = 0; i < h; i++) {
            System.arraycopy(values, i * w, out[i], 0, w);
        }
        return out;
    }
}

package org.advmusic.nn.explain;

import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Model;
import org.advmusic.nn.Module;
import org.advmusic.nn.Sequential;
import org.advmusic.nn.layers.Conv2d;
import org.advmusic.nn.layers.Linear;
import org.advmusic.nn.layers.MaxPool2d;
import org.advmusic.nn.layers.ReLU;

/**
 * A hand-made classifier whose scores depend only on one rectangle of its {@code (1, 16, 12)}
 * input: {@code features} (3x3 convolution with set weights -> ReLU -> 2x2 max pooling, giving
 * {@code (N, 2, 8, 6)}), then {@code region}, which zeroes everything outside coarse rows
 * {@link #ROWS} and columns {@link #COLUMNS} (the Grad-CAM layer), then a smooth non-linear head
 * {@code logits = W tanh(mean_ij A[i, j]^2) + b} with 3 classes. Class 0 grows with both channels
 * inside the region, class 1 shrinks with them.
 */
final class RegionModel extends Model {
    /** Coarse rows [2, 5) and columns [3, 6) of the (8, 6) feature maps: input rows [4, 10), columns [6, 12). */
    static final int[] ROWS = {2, 5};
    static final int[] COLUMNS = {3, 6};
    static final String LAYER = "region";
    static final int HEIGHT = 16;
    static final int WIDTH = 12;

    private final Sequential features;
    private final RegionMask region;
    private final Linear head;

    RegionModel(Backend backend) {
        super(Shape.of(1, HEIGHT, WIDTH), 3, backend);
        Conv2d conv = new Conv2d(backend, 1, 2, 3, 1, 1, true, 0);
        features = addModule("features", new Sequential(conv, new ReLU(), new MaxPool2d(2)));
        region = addModule(LAYER, new RegionMask(backend));
        head = addModule("head", new Linear(backend, 2, 3, 0));
        // channel 0 averages its 3x3 window; channel 1 is the centre value minus 0.2
        double[] kernels = new double[2 * 9];
        for (int k = 0; k < 9; k++) {
            kernels[k] = 1.0 / 9;
        }
        kernels[9 + 4] = 1.0;
        InPlace.copy(conv.weight().value(), Tensor.fromArray(backend, kernels, 2, 1, 3, 3));
        InPlace.copy(conv.bias().value(), Tensor.fromArray(backend, new double[] {0.0, -0.2}, 2));
        InPlace.copy(head.weight().value(), Tensor.fromArray(backend, new double[] {8, 4, -6, -3, 1, -1}, 3, 2));
        InPlace.copy(head.bias().value(), Tensor.fromArray(backend, new double[] {-1, 1, 0}, 3));
    }

    @Override
    public String architecture() {
        return "RegionModel";
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return Map.of();
    }

    /** (N, 1, 16, 12) -> (N, 3) */
    @Override
    protected Tensor computeLogits(Tensor input, Capture capture) {
        Tensor masked = region.forward(features.forward(input, capture), capture); // (N, 2, 8, 6)
        return logitsOf(masked);
    }

    /** The head alone: the logits as a function of the Grad-CAM layer's activation (N, 2, 8, 6) -> (N, 3). */
    Tensor logitsOf(Tensor activation) {
        Tensor energy = activation.mul(activation).mean(false, 2, 3).tanh(); // (N, 2)
        return head.forward(energy);
    }

    /** Whether input position (row, column) lies in the region. */
    static boolean insideRegion(int row, int column) {
        return row >= 2 * ROWS[0] && row < 2 * ROWS[1] && column >= 2 * COLUMNS[0] && column < 2 * COLUMNS[1];
    }

    /** Multiplies (N, C, 8, 6) by a fixed 0/1 mask of the region. */
    private static final class RegionMask extends Module {
        private final Tensor mask;

        RegionMask(Backend backend) {
            double[] values = new double[8 * 6];
            for (int i = ROWS[0]; i < ROWS[1]; i++) {
                for (int j = COLUMNS[0]; j < COLUMNS[1]; j++) {
                    values[i * 6 + j] = 1;
                }
            }
            mask = addBuffer("mask", () -> Tensor.fromArray(backend, values, 1, 1, 8, 6));
        }

        @Override
        protected Tensor compute(Tensor input, Capture capture) {
            return input.mul(mask);
        }
    }
}

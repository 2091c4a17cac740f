package org.advmusic.nn;

import java.util.List;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.CounterRandom;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.train.LabeledData;

/** The backend of the nn training tests, and seeded generated data sets. */
public final class TestData {
    /**
     * The backend of the training-heavy tests (overfitting, Gaussian mixture, resume, checkpoints).
     * They are sized for the float64 reference backend; switch to the fast "cpu" backend once it is
     * merged to make them quicker. Gradient checks always use the reference backend.
     */
    public static final Backend BACKEND = Backends.reference();
    /** GTZAN's ten genres, in label order. */
    public static final List<String> GENRES = List.of("blues", "classical", "country", "disco", "hiphop", "jazz",
            "metal", "pop", "reggae", "rock");

    private TestData() {
    }

    /**
     * "Spectrograms" {@code (n, 1, height, width)} of noise in [0, 0.5) plus a bright horizontal
     * band whose position encodes the class; labels cycle through the classes.
     */
    public static LabeledData bandImages(Backend backend, int n, int classes, int height, int width, long seed) {
        double[] values = new double[n * height * width];
        int[] labels = new int[n];
        int band = height / classes;
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int y = 0; y < height; y++) {
                boolean bright = y / band == labels[i];
                for (int x = 0; x < width; x++) {
                    int k = (i * height + y) * width + x;
                    values[k] = 0.5 * CounterRandom.uniform(seed, k) + (bright ? 0.5 : 0.0);
                }
            }
        }
        return new LabeledData(Tensor.fromArray(backend, values, n, 1, height, width), labels);
    }

    /**
     * A mixture of {@code classes} Gaussians in {@code features} dimensions: class means drawn
     * uniformly from [-3, 3) per dimension (seeded by {@code meanSeed}), unit variance.
     */
    public static LabeledData gaussianMixture(Backend backend, int n, int classes, int features, long meanSeed,
                                              long sampleSeed) {
        double[] values = new double[n * features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (int) (CounterRandom.uniform(sampleSeed, 2L * n * features + i) * classes);
            for (int f = 0; f < features; f++) {
                double mean = -3 + 6 * CounterRandom.uniform(meanSeed, (long) labels[i] * features + f);
                values[i * features + f] = mean + CounterRandom.normal(sampleSeed, (long) i * features + f);
            }
        }
        return new LabeledData(Tensor.fromArray(backend, values, n, features), labels);
    }
}

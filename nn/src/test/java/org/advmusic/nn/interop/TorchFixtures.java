package org.advmusic.nn.interop;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.nn.TestData;

/** The files written by {@code src/test/resources/torch/make_fixtures.py} with PyTorch 1.13. */
final class TorchFixtures {
    private TorchFixtures() {
    }

    /** A fixture file by name, e.g. {@code genre-cnn.safetensors}. */
    static Path file(String name) {
        try {
            return Path.of(TorchFixtures.class.getResource("/torch/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The input and PyTorch's outputs (float64) stored beside a state dict, on the float64 reference backend. */
    static Map<String, Tensor> expected(String model) throws java.io.IOException {
        return Safetensors.read(file(model + "-expected.safetensors"), TestData.BACKEND);
    }

    /** The largest |a - b| / max(1, |b|) over all elements. */
    static double relativeError(double[] actual, double[] expected) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
        }
        return worst;
    }
}

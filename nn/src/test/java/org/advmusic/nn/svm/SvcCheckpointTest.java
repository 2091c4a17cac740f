package org.advmusic.nn.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.nn.checkpoint.CheckpointException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SvcCheckpointTest {
    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"three-class", "binary"})
    void storesScikitLearnsLayoutAndReadsItBack(String name) throws IOException {
        SklearnFixture fixture = SklearnFixture.load(name);
        SklearnFixture.Fit expected = fixture.fits().get(0);
        SvcModel model = SvcTrainer.fit(fixture.xTrain(), fixture.yTrain(), SvcParameters.of(expected.c(), expected.gamma()));
        int features = model.featureCount();
        List<String> featureNames = java.util.stream.IntStream.range(0, features).mapToObj(f -> "feature" + f).toList();
        List<String> classNames = java.util.Arrays.stream(model.classes()).mapToObj(c -> "class" + c).toList();
        double[] mean = new double[features];
        double[] scale = new double[features];
        for (int f = 0; f < features; f++) {
            mean[f] = 0.1 * f + 1.0 / 3;
            scale[f] = 2.0 + f / 7.0;
        }
        SvcCheckpoint checkpoint = new SvcCheckpoint(model, classNames, featureNames, new FeatureScaler(mean, scale));
        Path file = directory.resolve("model.safetensors");
        checkpoint.save(file);

        Safetensors.Contents contents = Safetensors.readContents(file);
        assertEquals("F64", contents.tensors().get("dual_coef").dtype());
        assertArrayEquals(flatten(expected.dualCoef()), contents.tensors().get("dual_coef").values(), 1e-3,
                "scikit-learn's public dual_coef_");
        assertArrayEquals(expected.intercept(), contents.tensors().get("intercept").values(), 1e-3,
                "scikit-learn's public intercept_");
        Map<String, String> meta = contents.metadata();
        assertEquals(Double.toString(expected.c()), meta.get("C"));
        assertTrue(meta.get("classes").contains("class0"), meta.get("classes"));

        SvcCheckpoint back = SvcCheckpoint.load(file);
        assertEquals(classNames, back.classNames());
        assertEquals(featureNames, back.featureNames());
        assertArrayEquals(mean, back.scaler().mean(), 0.0);
        assertArrayEquals(scale, back.scaler().scale(), 0.0);
        assertArrayEquals(model.supportIndices(), back.model().supportIndices());
        for (double[] x : fixture.xTest()) {
            assertArrayEquals(model.pairwiseDecisions(x), back.model().pairwiseDecisions(x), 0.0);
        }
        double[] raw = new double[features];
        for (int f = 0; f < features; f++) {
            raw[f] = mean[f] + scale[f] * fixture.xTest()[0][f];
        }
        assertEquals(classNames.get(model.predictPosition(fixture.xTest()[0])), back.predictName(raw));
    }

    @Test
    void namesTheMissingEntryOfABadFile() throws IOException {
        Path file = directory.resolve("other.safetensors");
        Safetensors.write(file, Map.of("weight", org.advmusic.engine.Tensor.zeros(2, 2)), Map.of());
        CheckpointException e = assertThrows(CheckpointException.class, () -> SvcCheckpoint.load(file));
        assertTrue(e.getMessage().contains("n_support") && e.getMessage().contains(file.toString()), e.getMessage());
        Files.delete(file);
    }

    private static double[] flatten(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}

package org.advmusic.nn.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advmusic.engine.Shape;
import org.advmusic.nn.TestData;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.optim.Adam;
import org.advmusic.nn.train.Inference;
import org.advmusic.nn.train.LabeledData;
import org.advmusic.nn.train.Trainer;
import org.advmusic.nn.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** An Mlp with batch norm and dropout learns a 10-class Gaussian mixture and generalises to new samples. */
class MlpGaussianMixtureTest {

    @Test
    void mlpClassifiesHeldOutSamplesOfATenClassGaussianMixture() {
        LabeledData training = TestData.gaussianMixture(TestData.BACKEND, 2000, 10, 16, 7, 100);
        LabeledData test = TestData.gaussianMixture(TestData.BACKEND, 1000, 10, 16, 7, 200);
        Mlp model = new Mlp(Shape.of(16), 10, new Mlp.Options(List.of(64, 32), 0.1, true), TestData.BACKEND, 1);

        new Trainer(model, new Adam(model.namedParameters(), 1e-2), new TrainingOptions(8, 64, 2)).fit(training);

        double accuracy = Inference.evaluate(model, test, new CrossEntropyLoss(), 256).accuracy();
        assertTrue(accuracy > 0.95, "test accuracy " + accuracy + ", expected > 0.95");
    }
}

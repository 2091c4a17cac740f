package org.advmusic.nn.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.advmusic.engine.Shape;
import org.advmusic.nn.TestData;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.optim.Adam;
import org.advmusic.nn.train.Inference;
import org.advmusic.nn.train.LabeledData;
import org.advmusic.nn.train.Trainer;
import org.advmusic.nn.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** A narrow GenreCnn (8-16-32-64 channels, dropout active) learns 64 generated samples completely. */
class GenreCnnOverfitTest {
    private static final int EPOCHS = 16;

    @Test
    void narrowGenreCnnReachesFullTrainingAccuracyOn64Samples() {
        LabeledData data = TestData.bandImages(TestData.BACKEND, 64, 10, 32, 16, 11);
        GenreCnn model = new GenreCnn(Shape.of(1, 32, 16), 10, 0.25, TestData.BACKEND, 5);
        Adam adam = new Adam(model.namedParameters(), 3e-3);

        new Trainer(model, adam, new TrainingOptions(EPOCHS, 16, 3)).fit(data);

        Inference.Evaluation result = Inference.evaluate(model, data, new CrossEntropyLoss(), 64);
        assertEquals(1.0, result.accuracy(), "training accuracy in evaluation mode after " + EPOCHS + " epochs");
    }
}

package org.advmusic.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.StateDicts;
import org.advmusic.nn.TestData;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.checkpoint.InputNormalization;
import org.advmusic.nn.checkpoint.ModelSpec;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.optim.Adam;
import org.advmusic.nn.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final List<String> CLASSES = List.of("a", "b", "c", "d");

    @TempDir
    Path dir;

    private final LabeledData training = TestData.gaussianMixture(TestData.BACKEND, 96, 4, 6, 1, 2);
    private final LabeledData validation = TestData.gaussianMixture(TestData.BACKEND, 40, 4, 6, 1, 3);

    private static Mlp mlp() {
        return new Mlp(Shape.of(6), 4, new Mlp.Options(List.of(16), 0.1, true), TestData.BACKEND, 9);
    }

    @Test
    void historyHasOneRecordPerEpochAndRoundTripsThroughJson() throws IOException {
        Mlp model = mlp();
        TrainingHistory history = new Trainer(model, new Adam(model.namedParameters(), 1e-2),
                new TrainingOptions(3, 32, 5)).fit(training, validation);

        assertEquals(List.of(1, 2, 3), history.epochs().stream().map(EpochRecord::epoch).toList());
        EpochRecord last = history.last();
        assertTrue(last.trainingLoss() < history.epochs().get(0).trainingLoss());
        assertTrue(last.validationAccuracy() > 0.5 && last.seconds() > 0 && last.learningRate() == 1e-2, last.toString());
        Path file = dir.resolve("history.json");
        history.writeJson(file);
        assertEquals(history, TrainingHistory.readJson(file));
        assertTrue(Files.readString(file).contains("\"validationAccuracy\""));
    }

    @Test
    void aLastBatchOfOneSampleJoinsTheOneBeforeSoBatchNormCanTrainOnIt() {
        assertEquals(3, Trainer.batchesPerEpoch(97, 32), "32, 32, 33 rather than 32, 32, 32, 1");
        assertEquals(4, Trainer.batchesPerEpoch(98, 32));
        assertEquals(1, Trainer.batchesPerEpoch(1, 32));
        assertEquals(1, Trainer.batchesPerEpoch(33, 32));
        Mlp model = mlp(); // batch norm after the hidden layer: a batch of one sample cannot be normalised
        List<Integer> sizes = new ArrayList<>();
        new Trainer(model, new Adam(model.namedParameters(), 1e-2), new TrainingOptions(1, 32, 5))
                .batchTransform((m, batch, step) -> {
                    sizes.add(batch.size());
                    return batch;
                })
                .fit(TestData.gaussianMixture(TestData.BACKEND, 97, 4, 6, 1, 2));
        assertEquals(List.of(32, 32, 33), sizes);
    }

    @Test
    void trainingStepsAndEvaluationsReleaseEveryBufferTheyAllocate() {
        Mlp model = mlp();
        Adam adam = new Adam(model.namedParameters(), 1e-2);
        new Trainer(model, adam, new TrainingOptions(1, 32, 5)).fit(training, validation); // creates Adam's state
        long live = TestData.BACKEND.liveBuffers();

        new Trainer(model, adam, new TrainingOptions(3, 32, 5)).fit(training, validation);

        assertEquals(live, TestData.BACKEND.liveBuffers());
    }

    @Test
    void listenerAndBatchTransformSeeEveryStepInOrder() {
        Mlp model = mlp();
        List<Long> steps = new ArrayList<>();
        List<String> events = new ArrayList<>();
        BatchTransform transform = (m, batch, step) -> {
            steps.add(step);
            m.eval(); // an attack would run in evaluation mode; the trainer switches back
            return new LabeledData(batch.inputs().mul(1.0), batch.labels());
        };
        TrainingListener listener = new TrainingListener() {
            @Override
            public void batchEnded(BatchProgress p) {
                assertTrue(model.isTraining());
                events.add(p.epoch() + "." + p.batch() + "/" + p.batches());
            }

            @Override
            public void epochEnded(EpochRecord record) {
                events.add("epoch " + record.epoch());
            }
        };
        new Trainer(model, new Sgd(model.namedParameters(), 0.1), new TrainingOptions(2, 40, 5))
                .batchTransform(transform).listener(listener).fit(training);

        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), steps);
        assertEquals(List.of("1.1/3", "1.2/3", "1.3/3", "epoch 1", "2.1/3", "2.2/3", "2.3/3", "epoch 2"), events);
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        Mlp model = mlp();
        // validation labels shifted by one class: the better the model learns, the worse it validates
        int[] wrong = training.labels().clone();
        for (int i = 0; i < wrong.length; i++) {
            wrong[i] = (wrong[i] + 1) % 4;
        }
        LabeledData misleading = new LabeledData(training.inputs(), wrong);
        List<Map<String, Tensor>> weightsAfterEpoch = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void epochEnded(EpochRecord record) {
                weightsAfterEpoch.add(StateDicts.snapshot(model.stateDict()));
            }
        };
        TrainingHistory history = new Trainer(model, new Adam(model.namedParameters(), 1e-2), new TrainingOptions(30, 32, 5))
                .earlyStopping(new EarlyStopping(Monitor.VALIDATION_LOSS, 2)).listener(recorder).fit(training, misleading);

        assertTrue(history.stoppedEarly());
        int best = history.bestEpoch();
        assertEquals(best + 2, history.epochs().size());
        double bestLoss = history.epochs().get(best - 1).validationLoss();
        assertTrue(history.epochs().stream().allMatch(r -> r.validationLoss() >= bestLoss));
        Map<String, Tensor> expected = weightsAfterEpoch.get(best - 1);
        model.stateDict().forEach((name, t) -> assertArrayEquals(expected.get(name).toDoubleArray(), t.toDoubleArray(), name));
    }

    @Test
    void aNaNLossStopsWithEpochAndBatchAndKeepsTheLastGoodCheckpoint() throws IOException {
        Mlp model = mlp();
        List<byte[]> savedAfterEpochOne = new ArrayList<>();
        Path weights = dir.resolve("last").resolve(Checkpoint.WEIGHTS_FILE);
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void epochEnded(EpochRecord record) {
                try {
                    savedAfterEpochOne.add(Files.readAllBytes(weights));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        // 3 batches per epoch: step 4 is epoch 2, batch 2, where the output bias "blows up"
        BatchTransform poison = (m, batch, step) -> {
            if (step == 4) {
                InPlace.fill(m.namedParameters().get("layers.4.bias").value(), Double.NaN);
            }
            return batch;
        };
        Trainer trainer = new Trainer(model, new Adam(model.namedParameters(), 1e-2), new TrainingOptions(5, 32, 5))
                .checkpoints(dir, ModelSpec.of(model, CLASSES, InputNormalization.none()))
                .batchTransform(poison).listener(recorder);

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(training));

        assertEquals(2, e.epoch());
        assertEquals(2, e.batch());
        assertTrue(e.getMessage().contains("NaN at epoch 2, batch 2")
                && e.getMessage().contains("last good checkpoint (epoch 1) is kept in " + dir.resolve("last")), e.getMessage());
        assertEquals(1, savedAfterEpochOne.size());
        assertArrayEquals(savedAfterEpochOne.get(0), Files.readAllBytes(weights));
    }

    @Test
    void dataThatDoesNotFitTheModelIsRejectedWithAClearMessage() {
        Mlp model = mlp();
        Trainer trainer = new Trainer(model, new Sgd(model.namedParameters(), 0.1), new TrainingOptions(1, 8, 1));

        LabeledData wrongShape = new LabeledData(Tensor.zeros(TestData.BACKEND, Shape.of(4, 5)), new int[4]);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> trainer.fit(wrongShape));
        assertEquals("training data: samples have shape (5,) but the Mlp expects (6,)", shape.getMessage());

        LabeledData badLabel = new LabeledData(Tensor.zeros(TestData.BACKEND, Shape.of(3, 6)), new int[] {0, 4, 1});
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(training, badLabel));
        assertEquals("validation data: label 4 of sample 1 is outside [0, 4) (the model has 4 classes)", label.getMessage());

        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new LabeledData(Tensor.zeros(TestData.BACKEND, Shape.of(0, 6)), new int[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());

        IllegalArgumentException batchSize = assertThrows(IllegalArgumentException.class,
                () -> new TrainingOptions(1, 0, 1));
        assertEquals("training: batch size 0, expected at least 1", batchSize.getMessage());

        Trainer watching = new Trainer(model, new Sgd(model.namedParameters(), 0.1), new TrainingOptions(1, 8, 1))
                .earlyStopping(new EarlyStopping(Monitor.VALIDATION_ACCURACY, 3));
        IllegalArgumentException noValidation = assertThrows(IllegalArgumentException.class, () -> watching.fit(training));
        assertTrue(noValidation.getMessage().contains("no validation data"), noValidation.getMessage());
        assertFalse(model.namedParameters().values().stream().anyMatch(p -> p.grad() != null));
    }
}

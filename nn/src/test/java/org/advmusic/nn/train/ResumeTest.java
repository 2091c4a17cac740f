package org.advmusic.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.advmusic.engine.Shape;
import org.advmusic.nn.TestData;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.checkpoint.CheckpointException;
import org.advmusic.nn.checkpoint.InputNormalization;
import org.advmusic.nn.checkpoint.ModelSpec;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training interrupted after epoch 2 and resumed in a fresh trainer equals an uninterrupted run, bit for bit. */
class ResumeTest {
    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    private final LabeledData training = TestData.gaussianMixture(TestData.BACKEND, 90, 4, 6, 1, 2);
    private final LabeledData validation = TestData.gaussianMixture(TestData.BACKEND, 40, 4, 6, 1, 3);

    /** A run with dropout, batch norm, Adam, a plateau scheduler and early stopping, from fresh objects. */
    private final class Run {
        final Mlp model;
        final Adam adam;
        final Trainer trainer;

        Run(long initSeed, Path checkpoints, TrainingListener listener) {
            model = new Mlp(Shape.of(6), 4, new Mlp.Options(List.of(12, 8), 0.2, true), TestData.BACKEND, initSeed);
            adam = new Adam(model.namedParameters(), 2e-2);
            trainer = new Trainer(model, adam, new TrainingOptions(EPOCHS, 16, 77))
                    .scheduler(new ReduceOnPlateau(adam, Monitor.VALIDATION_ACCURACY, 0.5, 0, 0.0))
                    .earlyStopping(new EarlyStopping(Monitor.VALIDATION_LOSS, 10))
                    .checkpoints(checkpoints, ModelSpec.of(model, List.of("a", "b", "c", "d"), InputNormalization.none()))
                    .listener(listener);
        }
    }

    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static TrainingListener crashAfterEpoch(int epoch) {
        return new TrainingListener() {
            @Override
            public void epochEnded(EpochRecord record) {
                if (record.epoch() == epoch) {
                    throw new Crash();
                }
            }
        };
    }

    private static List<EpochRecord> withoutTimes(TrainingHistory history) {
        return history.epochs().stream().map(r -> new EpochRecord(r.epoch(), r.trainingLoss(), r.trainingAccuracy(),
                r.validationLoss(), r.validationAccuracy(), r.learningRate(), 0)).toList();
    }

    private static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit() throws IOException {
        Path straight = dir.resolve("straight");
        Run uninterrupted = new Run(1, straight, new TrainingListener() { });
        TrainingHistory expected = uninterrupted.trainer.fit(training, validation);

        Path interrupted = dir.resolve("interrupted");
        assertThrows(Crash.class, () -> new Run(1, interrupted, crashAfterEpoch(2)).trainer.fit(training, validation));
        Run resumed = new Run(12345, interrupted, new TrainingListener() { }); // other initial weights: all state must come from the checkpoint
        TrainingHistory actual = resumed.trainer.resumeFrom(interrupted).fit(training, validation);

        assertEquals(withoutTimes(expected), withoutTimes(actual));
        assertEquals(expected.bestEpoch(), actual.bestEpoch());
        assertTrue(expected.epochs().stream().map(EpochRecord::learningRate).distinct().count() > 1,
                "the scheduler changed the learning rate during the run");
        uninterrupted.model.stateDict().forEach((name, t) ->
                assertArrayEquals(t.toDoubleArray(), resumed.model.stateDict().get(name).toDoubleArray(), 0.0, name));
        assertEquals(uninterrupted.model.randomStreams(), resumed.model.randomStreams());
        for (String file : List.of(Checkpoint.WEIGHTS_FILE, TrainingCheckpoint.OPTIMIZER_FILE)) {
            assertArrayEquals(bytes(straight.resolve("last").resolve(file)), bytes(interrupted.resolve("last").resolve(file)), file);
        }
        assertArrayEquals(bytes(straight.resolve("best").resolve(Checkpoint.WEIGHTS_FILE)),
                bytes(interrupted.resolve("best").resolve(Checkpoint.WEIGHTS_FILE)));
    }

    @Test
    void filesFromDifferentSavesAreDetected() throws IOException {
        Path run = dir.resolve("run");
        Path early = dir.resolve("training-after-epoch-1.json");
        TrainingListener keepFirstState = new TrainingListener() {
            @Override
            public void epochEnded(EpochRecord record) {
                if (record.epoch() == 1) {
                    try {
                        Files.copy(run.resolve("last").resolve(TrainingCheckpoint.STATE_FILE), early);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        };
        assertThrows(Crash.class, () -> {
            Run r = new Run(1, run, keepFirstState);
            r.trainer.listener(new TrainingListener() {
                @Override
                public void epochEnded(EpochRecord record) {
                    keepFirstState.epochEnded(record);
                    crashAfterEpoch(2).epochEnded(record);
                }
            }).fit(training, validation);
        });
        Files.copy(early, run.resolve("last").resolve(TrainingCheckpoint.STATE_FILE), StandardCopyOption.REPLACE_EXISTING);

        CheckpointException e = assertThrows(CheckpointException.class,
                () -> new Run(1, run, new TrainingListener() { }).trainer.resumeFrom(run));
        assertTrue(e.getMessage().contains("come from different saves"), e.getMessage());
    }

    @Test
    void resumingWithAnotherSeedIsRefused() throws IOException {
        Path run = dir.resolve("run");
        assertThrows(Crash.class, () -> new Run(1, run, crashAfterEpoch(1)).trainer.fit(training, validation));
        Mlp model = new Mlp(Shape.of(6), 4, new Mlp.Options(List.of(12, 8), 0.2, true), TestData.BACKEND, 1);
        Trainer other = new Trainer(model, new Adam(model.namedParameters(), 2e-2), new TrainingOptions(EPOCHS, 16, 78));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.resumeFrom(run));
        assertTrue(e.getMessage().contains("seed 77") && e.getMessage().contains("78"), e.getMessage());
    }
}

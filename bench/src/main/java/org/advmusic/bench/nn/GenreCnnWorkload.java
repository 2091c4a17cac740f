package org.advmusic.bench.nn;

import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.losses.CrossEntropyLoss;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.optim.Adam;

/**
 * The seed network at work on one fixed batch of log-mel-sized inputs {@code (N, 1, 128, 130)}: a
 * training step (forward, cross-entropy, backward, Adam) and an inference pass (evaluation mode,
 * no gradients). Shared by the JMH benchmark and the plain throughput command.
 */
final class GenreCnnWorkload {
    static final Shape INPUT = Shape.of(1, 128, 130);
    static final int CLASSES = 10;

    private final GenreCnn model;
    private final Adam adam;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private final Tensor batch;
    private final int[] labels;

    private GenreCnnWorkload(Backend backend, int batchSize, double widthMultiplier) {
        model = new GenreCnn(INPUT, CLASSES, widthMultiplier, backend, 1);
        adam = new Adam(model.namedParameters(), 1e-3);
        try (MemoryScope ignored = MemoryScope.persistent()) {
            batch = Tensor.rand(backend, 2, Shape.of(batchSize, 1, 128, 130));
        }
        labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            labels[i] = i % CLASSES;
        }
    }

    /**
     * @param backendName "cpu", "cuda", "reference" or "auto"
     * @throws IllegalStateException saying why, when that backend cannot run here
     */
    static GenreCnnWorkload create(String backendName, int batchSize, double widthMultiplier) {
        Backend backend;
        try {
            backend = Backends.get(backendName);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalStateException("backend '" + backendName + "' is not available, nothing to measure: "
                    + e.getMessage(), e);
        }
        return new GenreCnnWorkload(backend, batchSize, widthMultiplier);
    }

    /** One training step on the batch; returns the loss (so the work cannot be optimised away). */
    double trainingStep() {
        model.train();
        try (MemoryScope ignored = MemoryScope.open()) {
            Tensor value = loss.mean(model.forward(batch), labels);
            value.backward();
            adam.step();
            adam.zeroGrad();
            return value.item();
        }
    }

    /** One inference pass over the batch; returns the first logit. */
    double inference() {
        model.eval();
        try (var noGrad = Autograd.noGrad(); MemoryScope ignored = MemoryScope.open()) {
            Tensor logits = model.forward(batch);
            model.backend().synchronize();
            return logits.get(0, 0);
        }
    }

    /** Samples in the batch. */
    int batchSize() {
        return labels.length;
    }

    /** The backend the work runs on. */
    String backendName() {
        return model.backend().name();
    }
}

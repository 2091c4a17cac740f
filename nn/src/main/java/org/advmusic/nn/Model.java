package org.advmusic.nn;

import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * A complete classifier: a {@link Module} that maps a batch {@code (N, *inputShape)} to logits
 * {@code (N, classes)}, knows its architecture name and hyperparameters (for checkpoints), and is a
 * {@link Classifier} for attacks and evaluations. Inputs of any other shape are rejected with a
 * message that names the expected and the actual shape.
 */
public abstract class Model extends Module implements Classifier {
    private final Shape inputShape;
    private final int classes;
    private final Backend backend;

    /**
     * @param inputShape the shape of one sample, e.g. {@code (1, 128, 130)} or {@code (57)}
     * @param classes    number of classes, at least 2
     * @param backend    where the parameters live
     */
    protected Model(Shape inputShape, int classes, Backend backend) {
        if (classes < 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + classes
                    + " classes; a classifier needs at least 2");
        }
        if (inputShape.rank() == 0 || inputShape.size() == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input shape " + inputShape
                    + " is empty; expected the shape of one sample, e.g. (1, 128, 130)");
        }
        this.inputShape = inputShape;
        this.classes = classes;
        this.backend = backend;
    }

    /** The architecture's name as written in checkpoints, e.g. {@code "GenreCnn"}. */
    public abstract String architecture();

    /** The hyperparameters that, with the input shape and class count, rebuild this architecture. */
    public abstract Map<String, Object> hyperparameters();

    /**
     * The network itself; {@code input} already has the right shape.
     *
     * @param input (N, *inputShape)
     * @return (N, classes) logits
     */
    protected abstract Tensor computeLogits(Tensor input, Capture capture);

    @Override
    protected final Tensor compute(Tensor input, Capture capture) {
        requireInputShape(input);
        return computeLogits(input, capture);
    }

    /** The logits of {@code batch} (the {@link Classifier} view of {@link #forward(Tensor)}). */
    @Override
    public final Tensor logits(Tensor batch) {
        return forward(batch);
    }

    private void requireInputShape(Tensor input) {
        Shape actual = input.shape();
        boolean fits = actual.rank() == inputShape.rank() + 1 && actual.dim(0) > 0;
        for (int i = 0; fits && i < inputShape.rank(); i++) {
            fits = actual.dim(i + 1) == inputShape.dim(i);
        }
        if (!fits) {
            StringBuilder expected = new StringBuilder("(N");
            for (int d : inputShape.dims()) {
                expected.append(", ").append(d);
            }
            throw new IllegalArgumentException(architecture() + ": input has shape " + actual + ", expected "
                    + expected + ")");
        }
        if (input.backend() != backend) {
            throw new IllegalArgumentException(architecture() + ": input is on the " + input.backend().name()
                    + " backend but the model is on " + backend.name() + "; move it explicitly with to()");
        }
    }

    /** The shape of one input sample. */
    public final Shape inputShape() {
        return inputShape;
    }

    /** The number of classes (the width of the logits). */
    public final int classes() {
        return classes;
    }

    /** The backend that holds the parameters. */
    public final Backend backend() {
        return backend;
    }
}

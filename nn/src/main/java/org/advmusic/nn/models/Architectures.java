package org.advmusic.nn.models;

import java.util.List;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.nn.Model;

/** Builds a model from its architecture name and hyperparameters, as stored in a checkpoint's spec. */
public final class Architectures {
    /** The architectures this module can build. */
    public static final List<String> NAMES = List.of(GenreCnn.ARCHITECTURE, ResNet18.ARCHITECTURE, Mlp.ARCHITECTURE);

    private Architectures() {
    }

    /**
     * A freshly initialised model.
     *
     * @throws IllegalArgumentException for an unknown architecture (listing the known ones) or
     *                                  hyperparameters that do not fit it
     */
    public static Model create(String architecture, Map<String, Object> hyperparameters, Shape inputShape,
                               int classes, Backend backend, long seed) {
        return switch (architecture) {
            case GenreCnn.ARCHITECTURE -> GenreCnn.fromHyperparameters(inputShape, classes, hyperparameters, backend, seed);
            case ResNet18.ARCHITECTURE -> ResNet18.fromHyperparameters(inputShape, classes, hyperparameters, backend, seed);
            case Mlp.ARCHITECTURE -> Mlp.fromHyperparameters(inputShape, classes, hyperparameters, backend, seed);
            default -> throw new IllegalArgumentException("unknown architecture '" + architecture + "'; expected one of "
                    + NAMES);
        };
    }
}

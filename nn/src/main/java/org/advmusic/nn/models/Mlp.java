package org.advmusic.nn.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Model;
import org.advmusic.nn.Module;
import org.advmusic.nn.SeedSequence;
import org.advmusic.nn.Sequential;
import org.advmusic.nn.layers.BatchNorm1d;
import org.advmusic.nn.layers.Dropout;
import org.advmusic.nn.layers.Linear;
import org.advmusic.nn.layers.ReLU;

/**
 * A multilayer perceptron for tabular features {@code (F)}: for each hidden width
 * {@code Linear -> [BatchNorm1d] -> ReLU -> [Dropout]}, then {@code Linear -> classes}, all in one
 * {@code layers} sequence (PyTorch names {@code layers.0.weight}, ...).
 */
public final class Mlp extends Model {
    /** The architecture name in checkpoints. */
    public static final String ARCHITECTURE = "Mlp";

    private final Options options;
    private final Sequential layers;

    /**
     * The network's hyperparameters.
     *
     * @param hiddenUnits widths of the hidden layers (typically two or three)
     * @param dropout     dropout probability after each hidden layer (0 for none)
     * @param batchNorm   whether each hidden layer is batch-normalised before its ReLU
     */
    public record Options(List<Integer> hiddenUnits, double dropout, boolean batchNorm) {
        public Options {
            hiddenUnits = List.copyOf(hiddenUnits);
            if (hiddenUnits.isEmpty() || hiddenUnits.stream().anyMatch(u -> u <= 0)) {
                throw new IllegalArgumentException("Mlp: hidden units " + hiddenUnits
                        + ", expected at least one positive width");
            }
        }
    }

    /**
     * @param inputShape {@code (F)}, the number of features
     * @param classes    number of classes
     * @param seed       initialisation and dropout seed
     */
    public Mlp(Shape inputShape, int classes, Options options, Backend backend, long seed) {
        super(inputShape, classes, backend);
        if (inputShape.rank() != 1) {
            throw new IllegalArgumentException("Mlp: input shape " + inputShape + ", expected (features,)");
        }
        this.options = options;
        SeedSequence seeds = new SeedSequence(seed);
        List<Module> parts = new ArrayList<>();
        int in = inputShape.dim(0);
        for (int width : options.hiddenUnits()) {
            parts.add(new Linear(backend, in, width, seeds.next()));
            if (options.batchNorm()) {
                parts.add(new BatchNorm1d(backend, width));
            }
            parts.add(new ReLU());
            if (options.dropout() > 0) {
                parts.add(new Dropout(options.dropout(), seeds.next()));
            }
            in = width;
        }
        parts.add(new Linear(backend, in, classes, seeds.next()));
        layers = addModule("layers", new Sequential(parts));
    }

    /** Rebuilds the network from checkpoint hyperparameters. */
    static Mlp fromHyperparameters(Shape inputShape, int classes, Map<String, Object> hyperparameters,
                                   Backend backend, long seed) {
        return new Mlp(inputShape, classes, Hyperparameters.fromMap(ARCHITECTURE, hyperparameters, Options.class),
                backend, seed);
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return Hyperparameters.toMap(options);
    }

    /** (N, F) -> (N, classes) */
    @Override
    protected Tensor computeLogits(Tensor input, Capture capture) {
        return layers.forward(input, capture);
    }
}

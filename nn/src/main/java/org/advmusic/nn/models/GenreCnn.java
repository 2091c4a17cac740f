package org.advmusic.nn.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Model;
import org.advmusic.nn.SeedSequence;
import org.advmusic.nn.Sequential;
import org.advmusic.nn.layers.Dropout;
import org.advmusic.nn.layers.GlobalAvgPool;
import org.advmusic.nn.layers.Linear;
import org.advmusic.nn.layers.ReLU;

/**
 * The seed papers' genre CNN for log-mel spectrograms {@code (C, H, W)}: four blocks, each
 * {@code 2 x (3x3 conv, padding 1 -> batch norm -> ReLU)} then 2x2 max pooling and dropout 0.15, with
 * widths 32, 64, 128, 256 times a width multiplier; global average pooling; dense 512 -> ReLU ->
 * dropout 0.5 -> dense classes. At full width on {@code (1, 128, 130)} with 10 classes it has
 * 1,310,314 parameters, as the same network in PyTorch:
 *
 * <pre>{@code
 * features = Sequential(block(1, 32), block(32, 64), block(64, 128), block(128, 256))
 *   block(i, o) = conv1 Conv2d(i, o, 3, padding=1), bn1 BatchNorm2d(o), relu1,
 *                 conv2 Conv2d(o, o, 3, padding=1), bn2 BatchNorm2d(o), relu2, pool MaxPool2d(2), dropout
 * pool = global average pooling
 * classifier = Sequential(Linear(256, 512), ReLU(), Dropout(0.5), Linear(512, classes))
 * }</pre>
 *
 * State-dict names are therefore {@code features.0.conv1.weight}, ..., {@code classifier.3.bias}. The
 * last convolution's activation, the usual Grad-CAM layer, is captured as {@code features.3.relu2}.
 */
public final class GenreCnn extends Model {
    /** The architecture name in checkpoints. */
    public static final String ARCHITECTURE = "GenreCnn";
    /** Channel widths of the four blocks at width multiplier 1. */
    public static final int[] FULL_WIDTHS = {32, 64, 128, 256};

    private final Options options;
    private final Sequential features;
    private final GlobalAvgPool pool;
    private final Sequential classifier;

    /**
     * The network's hyperparameters.
     *
     * @param widthMultiplier scales the block widths (0.25 gives 8-16-32-64, 0.5 gives 16-32-64-128)
     * @param blockDropout    dropout probability after each block
     * @param denseUnits      width of the hidden dense layer
     * @param denseDropout    dropout probability after the hidden dense layer
     */
    public record Options(double widthMultiplier, double blockDropout, int denseUnits, double denseDropout) {
        public Options {
            if (!(widthMultiplier > 0) || Math.round(FULL_WIDTHS[0] * widthMultiplier) < 1) {
                throw new IllegalArgumentException("GenreCnn: width multiplier " + widthMultiplier
                        + " leaves no channels; expected at least " + 1.0 / FULL_WIDTHS[0]);
            }
            if (denseUnits <= 0) {
                throw new IllegalArgumentException("GenreCnn: dense units " + denseUnits + ", expected > 0");
            }
        }

        /** The seed network at the given width: dropout 0.15 and 0.5, 512 dense units. */
        public static Options withWidth(double widthMultiplier) {
            return new Options(widthMultiplier, 0.15, 512, 0.5);
        }

        /** The block widths at this multiplier. */
        public int[] widths() {
            int[] w = new int[FULL_WIDTHS.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (int) Math.round(FULL_WIDTHS[i] * widthMultiplier);
            }
            return w;
        }
    }

    /**
     * @param inputShape {@code (C, H, W)} with H and W at least 16 (four 2x2 poolings)
     * @param classes    number of classes
     * @param seed       initialisation and dropout seed
     */
    public GenreCnn(Shape inputShape, int classes, Options options, Backend backend, long seed) {
        super(inputShape, classes, backend);
        if (inputShape.rank() != 3 || inputShape.dim(1) < 16 || inputShape.dim(2) < 16) {
            throw new IllegalArgumentException("GenreCnn: input shape " + inputShape
                    + ", expected (channels, height, width) with height and width at least 16 (four 2x2 poolings)");
        }
        this.options = options;
        SeedSequence seeds = new SeedSequence(seed);
        List<GenreCnnBlock> blocks = new ArrayList<>();
        int in = inputShape.dim(0);
        for (int width : options.widths()) {
            blocks.add(new GenreCnnBlock(backend, in, width, options.blockDropout(), seeds));
            in = width;
        }
        features = addModule("features", new Sequential(blocks));
        pool = addModule("pool", new GlobalAvgPool());
        classifier = addModule("classifier", new Sequential(
                new Linear(backend, in, options.denseUnits(), seeds.next()),
                new ReLU(),
                new Dropout(options.denseDropout(), seeds.next()),
                new Linear(backend, options.denseUnits(), classes, seeds.next())));
    }

    /** The seed network at a width multiplier (1 for full width). */
    public GenreCnn(Shape inputShape, int classes, double widthMultiplier, Backend backend, long seed) {
        this(inputShape, classes, Options.withWidth(widthMultiplier), backend, seed);
    }

    /** Rebuilds the network from checkpoint hyperparameters. */
    static GenreCnn fromHyperparameters(Shape inputShape, int classes, Map<String, Object> hyperparameters,
                                        Backend backend, long seed) {
        return new GenreCnn(inputShape, classes,
                Hyperparameters.fromMap(ARCHITECTURE, hyperparameters, Options.class), backend, seed);
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return Hyperparameters.toMap(options);
    }

    /** The hyperparameters. */
    public Options options() {
        return options;
    }

    /** (N, C, H, W) -> (N, classes) */
    @Override
    protected Tensor computeLogits(Tensor input, Capture capture) {
        Tensor maps = features.forward(input, capture);   // (N, C, H, W) -> (N, 256 w, H / 16, W / 16)
        Tensor pooled = pool.forward(maps, capture);      // -> (N, 256 w)
        return classifier.forward(pooled, capture);       // -> (N, classes)
    }
}

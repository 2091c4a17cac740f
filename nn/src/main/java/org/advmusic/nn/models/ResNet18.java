package org.advmusic.nn.models;

import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Model;
import org.advmusic.nn.SeedSequence;
import org.advmusic.nn.Sequential;
import org.advmusic.nn.layers.BatchNorm2d;
import org.advmusic.nn.layers.Conv2d;
import org.advmusic.nn.layers.GlobalAvgPool;
import org.advmusic.nn.layers.Linear;
import org.advmusic.nn.layers.MaxPool2d;
import org.advmusic.nn.layers.ReLU;

/**
 * torchvision's {@code resnet18} with the first convolution taking the input's channels (1 for a
 * spectrogram) and {@code classes} outputs: {@code conv1} (7x7, stride 2, padding 3, no bias),
 * {@code bn1}, {@code relu}, {@code maxpool} (3x3, stride 2, padding 1), {@code layer1} to
 * {@code layer4} of two {@link BasicBlock}s each (64, 128, 256, 512 channels; the first block of
 * layers 2-4 has stride 2), global average pooling and {@code fc}. Parameter names equal
 * torchvision's; with one input channel and 10 classes it has 11,175,370 parameters. A width
 * multiplier below 1 scales every layer's channels (0.125 gives 8, 16, 32, 64) for small CPU
 * studies. Grad-CAM usually looks at {@code layer4}.
 */
public final class ResNet18 extends Model {
    /** The architecture name in checkpoints. */
    public static final String ARCHITECTURE = "ResNet18";
    /** Widths of layer1 to layer4. */
    public static final int[] WIDTHS = {64, 128, 256, 512};
    private static final String WIDTH_MULTIPLIER = "widthMultiplier";

    private final double widthMultiplier;
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final ReLU relu;
    private final MaxPool2d maxpool;
    private final Sequential[] layers = new Sequential[WIDTHS.length];
    private final GlobalAvgPool avgpool;
    private final Linear fc;

    /**
     * @param inputShape {@code (C, H, W)}; the total stride is 32, so 1x128x130 ends at 4x5 in layer4
     * @param classes    number of classes
     * @param seed       initialisation seed
     */
    public ResNet18(Shape inputShape, int classes, Backend backend, long seed) {
        this(inputShape, classes, 1.0, backend, seed);
    }

    /**
     * A ResNet18 whose layers have {@code widthMultiplier} times torchvision's channels.
     *
     * @param widthMultiplier in (0, 1]; at least 1/64 so that every layer keeps a channel
     */
    public ResNet18(Shape inputShape, int classes, double widthMultiplier, Backend backend, long seed) {
        super(inputShape, classes, backend);
        if (inputShape.rank() != 3) {
            throw new IllegalArgumentException("ResNet18: input shape " + inputShape
                    + ", expected (channels, height, width)");
        }
        this.widthMultiplier = widthMultiplier;
        int[] widths = widths(widthMultiplier);
        SeedSequence seeds = new SeedSequence(seed);
        conv1 = addModule("conv1", new Conv2d(backend, inputShape.dim(0), widths[0], 7, 2, 3, false, seeds.next()));
        bn1 = addModule("bn1", new BatchNorm2d(backend, widths[0]));
        relu = addModule("relu", new ReLU());
        maxpool = addModule("maxpool", new MaxPool2d(3, 2, 1));
        int in = widths[0];
        for (int i = 0; i < widths.length; i++) {
            int stride = i == 0 ? 1 : 2;
            layers[i] = addModule("layer" + (i + 1), new Sequential(
                    new BasicBlock(backend, in, widths[i], stride, seeds),
                    new BasicBlock(backend, widths[i], widths[i], 1, seeds)));
            in = widths[i];
        }
        avgpool = addModule("avgpool", new GlobalAvgPool());
        fc = addModule("fc", new Linear(backend, in, classes, seeds.next()));
    }

    /** The channels of layer1 to layer4 at a width multiplier (torchvision's {@link #WIDTHS} at 1). */
    public static int[] widths(double widthMultiplier) {
        if (!(widthMultiplier > 0 && widthMultiplier <= 1) || Math.round(WIDTHS[0] * widthMultiplier) < 1) {
            throw new IllegalArgumentException("ResNet18: width multiplier " + widthMultiplier
                    + ", expected a value in [" + 1.0 / WIDTHS[0] + ", 1]");
        }
        int[] widths = new int[WIDTHS.length];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = (int) Math.round(WIDTHS[i] * widthMultiplier);
        }
        return widths;
    }

    /** Rebuilds the network from checkpoint hyperparameters: none (full width) or {@code widthMultiplier}. */
    static ResNet18 fromHyperparameters(Shape inputShape, int classes, Map<String, Object> hyperparameters,
                                        Backend backend, long seed) {
        Object width = hyperparameters.get(WIDTH_MULTIPLIER);
        if (hyperparameters.size() > (width == null ? 0 : 1) || width != null && !(width instanceof Number)) {
            throw new IllegalArgumentException("ResNet18: hyperparameters " + hyperparameters
                    + ", expected none or {\"" + WIDTH_MULTIPLIER + "\": a number}");
        }
        return new ResNet18(inputShape, classes, width == null ? 1.0 : ((Number) width).doubleValue(), backend, seed);
    }

    /** The width multiplier (1 for torchvision's widths). */
    public double widthMultiplier() {
        return widthMultiplier;
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return widthMultiplier == 1.0 ? Map.of() : Map.of(WIDTH_MULTIPLIER, widthMultiplier);
    }

    /** (N, C, H, W) -> (N, classes) */
    @Override
    protected Tensor computeLogits(Tensor input, Capture capture) {
        Tensor x = sequence(input, capture, conv1, bn1, relu, maxpool);                         // (N, 64, H/4, W/4)
        for (Sequential layer : layers) {
            x = layer.forward(x, capture);                                                      // ... (N, 512, H/32, W/32)
        }
        return fc.forward(avgpool.forward(x, capture), capture);                                // (N, 512) -> (N, classes)
    }
}

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
 * torchvision's; with one input channel and 10 classes it has 11,175,370 parameters. Grad-CAM
 * usually looks at {@code layer4}.
 */
public final class ResNet18 extends Model {
    /** The architecture name in checkpoints. */
    public static final String ARCHITECTURE = "ResNet18";
    /** Widths of layer1 to layer4. */
    public static final int[] WIDTHS = {64, 128, 256, 512};

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
        super(inputShape, classes, backend);
        if (inputShape.rank() != 3) {
            throw new IllegalArgumentException("ResNet18: input shape " + inputShape
                    + ", expected (channels, height, width)");
        }
        SeedSequence seeds = new SeedSequence(seed);
        conv1 = addModule("conv1", new Conv2d(backend, inputShape.dim(0), WIDTHS[0], 7, 2, 3, false, seeds.next()));
        bn1 = addModule("bn1", new BatchNorm2d(backend, WIDTHS[0]));
        relu = addModule("relu", new ReLU());
        maxpool = addModule("maxpool", new MaxPool2d(3, 2, 1));
        int in = WIDTHS[0];
        for (int i = 0; i < WIDTHS.length; i++) {
            int stride = i == 0 ? 1 : 2;
            layers[i] = addModule("layer" + (i + 1), new Sequential(
                    new BasicBlock(backend, in, WIDTHS[i], stride, seeds),
                    new BasicBlock(backend, WIDTHS[i], WIDTHS[i], 1, seeds)));
            in = WIDTHS[i];
        }
        avgpool = addModule("avgpool", new GlobalAvgPool());
        fc = addModule("fc", new Linear(backend, in, classes, seeds.next()));
    }

    /** Rebuilds the network from checkpoint hyperparameters (ResNet18 has none). */
    static ResNet18 fromHyperparameters(Shape inputShape, int classes, Map<String, Object> hyperparameters,
                                        Backend backend, long seed) {
        if (!hyperparameters.isEmpty()) {
            throw new IllegalArgumentException("ResNet18: has no hyperparameters, got " + hyperparameters);
        }
        return new ResNet18(inputShape, classes, backend, seed);
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return Map.of();
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

package org.advmusic.nn.models;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;
import org.advmusic.nn.SeedSequence;
import org.advmusic.nn.layers.BatchNorm2d;
import org.advmusic.nn.layers.Conv2d;
import org.advmusic.nn.layers.Dropout;
import org.advmusic.nn.layers.MaxPool2d;
import org.advmusic.nn.layers.ReLU;

/**
 * One block of {@link GenreCnn}: {@code conv1 -> bn1 -> relu1 -> conv2 -> bn2 -> relu2 -> pool ->
 * dropout}, with 3x3 convolutions (padding 1, with bias) and 2x2 max pooling.
 */
final class GenreCnnBlock extends Module {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final ReLU relu1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final ReLU relu2;
    private final MaxPool2d pool;
    private final Dropout dropout;

    GenreCnnBlock(Backend backend, int inChannels, int outChannels, double dropoutProbability, SeedSequence seeds) {
        conv1 = addModule("conv1", new Conv2d(backend, inChannels, outChannels, 3, 1, 1, true, seeds.next()));
        bn1 = addModule("bn1", new BatchNorm2d(backend, outChannels));
        relu1 = addModule("relu1", new ReLU());
        conv2 = addModule("conv2", new Conv2d(backend, outChannels, outChannels, 3, 1, 1, true, seeds.next()));
        bn2 = addModule("bn2", new BatchNorm2d(backend, outChannels));
        relu2 = addModule("relu2", new ReLU());
        pool = addModule("pool", new MaxPool2d(2));
        dropout = addModule("dropout", new Dropout(dropoutProbability, seeds.next()));
    }

    /** (N, in, H, W) -> (N, out, H / 2, W / 2) */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        return sequence(input, capture, conv1, bn1, relu1, conv2, bn2, relu2, pool, dropout);
    }
}

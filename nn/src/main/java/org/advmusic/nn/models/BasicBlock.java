package org.advmusic.nn.models;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Capture;
import org.advmusic.nn.Module;
import org.advmusic.nn.SeedSequence;
import org.advmusic.nn.Sequential;
import org.advmusic.nn.layers.BatchNorm2d;
import org.advmusic.nn.layers.Conv2d;

/**
 * torchvision's ResNet {@code BasicBlock}: {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}
 * with 3x3 convolutions without bias; the shortcut is the identity, or {@code downsample} (a 1x1
 * convolution with the block's stride and a batch norm, named {@code downsample.0} and
 * {@code downsample.1}) when the stride or the width changes.
 */
final class BasicBlock extends Module {
    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Sequential downsample;

    BasicBlock(Backend backend, int inChannels, int outChannels, int stride, SeedSequence seeds) {
        conv1 = addModule("conv1", new Conv2d(backend, inChannels, outChannels, 3, stride, 1, false, seeds.next()));
        bn1 = addModule("bn1", new BatchNorm2d(backend, outChannels));
        conv2 = addModule("conv2", new Conv2d(backend, outChannels, outChannels, 3, 1, 1, false, seeds.next()));
        bn2 = addModule("bn2", new BatchNorm2d(backend, outChannels));
        downsample = stride != 1 || inChannels != outChannels
                ? addModule("downsample", new Sequential(
                        new Conv2d(backend, inChannels, outChannels, 1, stride, 0, false, seeds.next()),
                        new BatchNorm2d(backend, outChannels)))
                : null;
    }

    /** (N, in, H, W) -> (N, out, H / stride, W / stride) (rounded up) */
    @Override
    protected Tensor compute(Tensor input, Capture capture) {
        Tensor x = bn1.forward(conv1.forward(input, capture), capture).relu();
        x = bn2.forward(conv2.forward(x, capture), capture);
        Tensor shortcut = downsample == null ? input : downsample.forward(input, capture);
        return x.add(shortcut).relu();
    }
}

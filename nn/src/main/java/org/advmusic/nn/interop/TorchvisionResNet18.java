package org.advmusic.nn.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.nn.checkpoint.CheckpointException;
import org.advmusic.nn.models.ResNet18;

/**
 * Transfer from ImageNet: loads torchvision's {@code resnet18} state dict, saved as safetensors
 * (e.g. {@code safetensors.torch.save_file(torchvision.models.resnet18(weights="IMAGENET1K_V1").state_dict(), f)}),
 * into a {@link ResNet18} for spectrograms. The file must hold torchvision's layout for the model's
 * width: {@code conv1.weight} {@code (64, 3, 7, 7)} and {@code fc} with 1000 outputs at full width.
 * The first convolution's three colour channels are summed into the model's single input channel
 * (a grey image through the summed kernel gives what the RGB network gives on that image copied to
 * three channels); the 1000-class {@code fc} layer is not loaded, the model keeps its own freshly
 * initialised {@code fc} for its classes. Nothing is downloaded.
 */
public final class TorchvisionResNet18 {
    /** ImageNet's classes: the output width of torchvision's {@code fc}. */
    public static final int IMAGENET_CLASSES = 1000;
    private static final int RGB = 3;

    private TorchvisionResNet18() {
    }

    /**
     * torchvision's ImageNet state-dict layout for a model of {@code model}'s width: the model's own
     * names and shapes with a three-channel {@code conv1} and a 1000-class {@code fc}.
     */
    public static Map<String, Shape> imageNetLayout(ResNet18 model) {
        Map<String, Shape> layout = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> layout.put(name, t.shape()));
        layout.put("conv1.weight", layout.get("conv1.weight").withDim(1, RGB));
        layout.put("fc.weight", layout.get("fc.weight").withDim(0, IMAGENET_CLASSES));
        layout.put("fc.bias", Shape.of(IMAGENET_CLASSES));
        return layout;
    }

    /**
     * Loads every ImageNet weight except {@code fc} into {@code model} (modified), summing
     * {@code conv1}'s colour channels when the model takes one channel.
     *
     * @throws CheckpointException when the file is not in {@link #imageNetLayout} (naming the first
     *                             mismatched tensor and its shape) or the model takes neither 1 nor 3 channels
     */
    public static void loadImageNetWeights(ResNet18 model, Path file) throws IOException {
        int channels = model.inputShape().dim(0);
        if (channels != 1 && channels != RGB) {
            throw new CheckpointException(file, "ImageNet weights fit a ResNet18 taking 1 (summed) or 3 input channels;"
                    + " this model takes " + channels);
        }
        Safetensors.Contents contents = Safetensors.readContents(file);
        TorchLayout.require(file, "torchvision resnet18 (ImageNet, width multiplier " + model.widthMultiplier() + ")",
                imageNetLayout(model), TorchLayout.shapes(contents));
        try (MemoryScope ignored = MemoryScope.open()) {
            Map<String, Tensor> state = new LinkedHashMap<>();
            model.stateDict().forEach((name, current) -> {
                Safetensors.StoredTensor stored = contents.tensors().get(name);
                if (name.startsWith("fc.") || stored == null) { // the new head, or a counter the file omits
                    state.put(name, current);
                } else if (name.equals("conv1.weight") && channels == 1) {
                    state.put(name, Tensor.fromArray(current.backend(), sumColourChannels(stored),
                            current.shape().dims()));
                } else {
                    state.put(name, stored.toTensor(current.backend()));
                }
            });
            model.loadStateDict(state);
        }
    }

    /** (out, 3, kh, kw) -> (out, 1, kh, kw): each output kernel's colour planes added. */
    static double[] sumColourChannels(Safetensors.StoredTensor kernel) {
        int out = kernel.shape().dim(0);
        int plane = kernel.shape().dim(2) * kernel.shape().dim(3);
        double[] values = kernel.values();
        double[] summed = new double[out * plane];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < RGB; c++) {
                int from = (o * RGB + c) * plane;
                for (int k = 0; k < plane; k++) {
                    summed[o * plane + k] += values[from + k];
                }
            }
        }
        return summed;
    }
}

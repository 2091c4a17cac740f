package org.advmusic.nn.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.nn.Model;
import org.advmusic.nn.checkpoint.Checkpoint;
import org.advmusic.nn.checkpoint.CheckpointException;
import org.advmusic.nn.checkpoint.InputNormalization;
import org.advmusic.nn.checkpoint.ModelSpec;
import org.advmusic.nn.models.Architectures;

/**
 * Bring your own model: a PyTorch state dict of a GenreCnn, ResNet18 or Mlp (the PyTorch modules
 * whose names and order {@code torch.save(model.state_dict())} gives, see each model's Javadoc),
 * saved as safetensors, becomes an advmusic model and its {@link ModelSpec}. The hyperparameters are
 * read off the tensor shapes unless given; the input shape, class names and preprocessing must be
 * declared, since a state dict does not hold them.
 *
 * @see org.advmusic.nn.models.GenreCnn
 */
public final class TorchImport {
    private TorchImport() {
    }

    /**
     * What to import.
     *
     * @param weights         the safetensors file
     * @param architecture    GenreCnn, ResNet18 or Mlp
     * @param hyperparameters overrides of the hyperparameters read off the shapes (may be empty)
     * @param inputShape      the shape of one input, e.g. (1, 128, 130) or (57)
     * @param classNames      in the order of the logits
     * @param preprocessing   how raw features become the model's inputs
     */
    public record Request(Path weights, String architecture, Map<String, Object> hyperparameters, Shape inputShape,
                          List<String> classNames, InputNormalization preprocessing) {
        public Request {
            hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
            classNames = List.copyOf(classNames);
        }
    }

    /**
     * Builds the model the request describes on {@code backend} and loads the file's weights.
     *
     * @throws CheckpointException naming the file when the architecture is unknown, the hyperparameters
     *                             do not fit, or the first tensor whose shape does not fit the declared
     *                             input shape and classes
     */
    public static Checkpoint.Loaded load(Request request, Backend backend) throws IOException {
        Path file = request.weights();
        Safetensors.Contents contents = Safetensors.readContents(file);
        Map<String, Shape> stored = TorchLayout.shapes(contents);
        Model model;
        try {
            Map<String, Object> hyperparameters = new LinkedHashMap<>(TorchHyperparameters.infer(request.architecture(), stored));
            hyperparameters.putAll(request.hyperparameters());
            model = Architectures.create(request.architecture(), hyperparameters, request.inputShape(),
                    request.classNames().size(), backend, 0L);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "cannot import as " + request.architecture() + ": " + e.getMessage(), e);
        }
        Map<String, Shape> expected = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> expected.put(name, t.shape()));
        TorchLayout.require(file, "a " + request.architecture() + " " + model.hyperparameters() + " taking inputs "
                + request.inputShape() + " with " + request.classNames().size() + " classes", expected, stored);
        try (MemoryScope ignored = MemoryScope.open()) {
            Map<String, Tensor> state = new LinkedHashMap<>();
            model.stateDict().forEach((name, current) -> {
                Safetensors.StoredTensor t = contents.tensors().get(name);
                state.put(name, t == null ? current : t.toTensor(backend)); // a counter the file omits stays 0
            });
            model.loadStateDict(state);
        }
        model.eval();
        return new Checkpoint.Loaded(model, ModelSpec.of(model, request.classNames(), request.preprocessing()));
    }

    /** {@link #load} then {@link Checkpoint#save} into {@code directory}; returns the spec written. */
    public static ModelSpec importInto(Request request, Path directory, Backend backend) throws IOException {
        Checkpoint.Loaded loaded = load(request, backend);
        Checkpoint.save(directory, loaded.model(), loaded.spec(), Map.of("imported_from", request.weights().toString()));
        return loaded.spec();
    }
}

package org.advmusic.nn.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.nn.Model;
import org.advmusic.nn.StateDicts;
import org.advmusic.nn.models.Architectures;

/**
 * A saved model: a directory holding {@value #WEIGHTS_FILE}, the state dict in safetensors with
 * PyTorch's names (loadable with {@code model.load_state_dict(safetensors.torch.load_file(...))} by
 * the same network in PyTorch), and {@value #SPEC_FILE}, its {@link ModelSpec}. Each file is written
 * to a temporary file and renamed into place, the weights first and the spec last, so a spec never
 * describes half-written weights.
 *
 * <p>Loading checks the architecture, then every name and shape, and reports all mismatches in one
 * {@link CheckpointException}.
 */
public final class Checkpoint {
    /** The state dict. */
    public static final String WEIGHTS_FILE = "model.safetensors";
    /** The model spec. */
    public static final String SPEC_FILE = "model.json";

    private Checkpoint() {
    }

    /** A model rebuilt from a checkpoint, with its spec. */
    public record Loaded(Model model, ModelSpec spec) {
    }

    /**
     * Saves {@code model}'s state dict (in its backend's dtype) and {@code spec} into {@code directory}.
     *
     * @throws IllegalArgumentException when the spec does not describe the model
     */
    public static void save(Path directory, Model model, ModelSpec spec) throws IOException {
        save(directory, model, spec, Map.of());
    }

    /** Like {@link #save(Path, Model, ModelSpec)} with extra strings in the safetensors metadata. */
    public static void save(Path directory, Model model, ModelSpec spec, Map<String, String> metadata)
            throws IOException {
        List<String> problems = spec.differencesFrom(model);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot save to " + directory + ": the spec does not describe the model: "
                    + String.join("; ", problems));
        }
        Map<String, String> allMetadata = new LinkedHashMap<>(metadata);
        allMetadata.put("architecture", model.architecture());
        Safetensors.write(directory.resolve(WEIGHTS_FILE), model.stateDict(), allMetadata);
        JsonFiles.write(directory.resolve(SPEC_FILE), spec);
    }

    /** Reads the spec of the checkpoint in {@code directory}. */
    public static ModelSpec readSpec(Path directory) throws IOException {
        return JsonFiles.read(directory.resolve(SPEC_FILE), ModelSpec.class);
    }

    /** Builds the architecture the checkpoint names on {@code backend} and loads its weights. */
    public static Loaded load(Path directory, Backend backend) throws IOException {
        ModelSpec spec = readSpec(directory);
        Model model;
        try {
            model = Architectures.create(spec.architecture(), spec.hyperparameters(), spec.inputShapeAsShape(),
                    spec.classes(), backend, 0L);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(directory.resolve(SPEC_FILE), e.getMessage(), e);
        }
        loadWeights(directory, model, List.of());
        return new Loaded(model, spec);
    }

    /**
     * Loads the checkpoint's weights into an existing model (modified).
     *
     * @return the checkpoint's spec
     * @throws CheckpointException when the checkpoint holds another architecture, or listing every
     *                             difference in hyperparameters, input shape, classes, names and shapes
     */
    public static ModelSpec loadInto(Path directory, Model model) throws IOException {
        ModelSpec spec = readSpec(directory);
        if (!spec.architecture().equals(model.architecture())) {
            throw new CheckpointException(directory, "holds a " + spec.architecture() + " model but the target is a "
                    + model.architecture() + "; build a " + spec.architecture() + " or use Checkpoint.load");
        }
        loadWeights(directory, model, spec.differencesFrom(model));
        return spec;
    }

    private static void loadWeights(Path directory, Model model, List<String> specProblems) throws IOException {
        try (MemoryScope ignored = MemoryScope.open()) {
            model.loadStateDict(readWeights(directory, model, specProblems));
        }
    }

    /**
     * The weights of the checkpoint in {@code directory} as tensors on {@code model}'s backend, in the
     * current memory scope, after checking every name and shape against {@code model} (which is
     * not modified).
     *
     * @throws CheckpointException listing every mismatch
     */
    public static Map<String, Tensor> readWeights(Path directory, Model model) throws IOException {
        return readWeights(directory, model, List.of());
    }

    private static Map<String, Tensor> readWeights(Path directory, Model model, List<String> specProblems)
            throws IOException {
        Path file = directory.resolve(WEIGHTS_FILE);
        Safetensors.Contents contents = Safetensors.readContents(file);
        Map<String, Shape> stored = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> stored.put(name, t.shape()));
        List<String> problems = new ArrayList<>(specProblems);
        problems.addAll(StateDicts.mismatches(StateDicts.shapes(model.stateDict()), stored));
        if (!problems.isEmpty()) {
            throw new CheckpointException(file, "does not fit the " + model.architecture() + " model ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                    + String.join("\n  - ", problems));
        }
        return contents.toTensors(model.backend());
    }
}

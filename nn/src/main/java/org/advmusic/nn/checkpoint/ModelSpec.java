package org.advmusic.nn.checkpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.advmusic.engine.Shape;
import org.advmusic.nn.Model;

/**
 * What a checkpoint's weights belong to: the architecture and its hyperparameters, the shape of one
 * input, the class names (their order is the order of the logits), the input normalisation, and an
 * optional defense description that the defenses module fills in (null when there is none).
 * Stored as JSON beside the weights.
 */
public record ModelSpec(String architecture, Map<String, Object> hyperparameters, List<Integer> inputShape,
                        List<String> classNames, InputNormalization inputNormalization,
                        Map<String, Object> defense) {

    public ModelSpec {
        if (architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("model spec: the architecture is missing");
        }
        hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
        if (inputShape == null || inputShape.isEmpty() || inputShape.stream().anyMatch(d -> d == null || d <= 0)) {
            throw new IllegalArgumentException("model spec: input shape " + inputShape + ", expected positive sizes");
        }
        inputShape = List.copyOf(inputShape);
        if (classNames == null || classNames.size() < 2 || new HashSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException("model spec: class names " + classNames
                    + ", expected at least two distinct names");
        }
        classNames = List.copyOf(classNames);
        if (inputNormalization == null) {
            throw new IllegalArgumentException("model spec: the input normalisation is missing (use none())");
        }
        defense = defense == null ? null : Map.copyOf(defense);
    }

    /** The spec of {@code model} with these class names and normalisation, and no defense. */
    public static ModelSpec of(Model model, List<String> classNames, InputNormalization inputNormalization) {
        List<Integer> shape = new ArrayList<>();
        for (int d : model.inputShape().dims()) {
            shape.add(d);
        }
        ModelSpec spec = new ModelSpec(model.architecture(), model.hyperparameters(), shape, classNames,
                inputNormalization, null);
        List<String> problems = spec.differencesFrom(model);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model spec does not describe the model: " + String.join("; ", problems));
        }
        return spec;
    }

    /** This spec with a defense description (for the defenses module). */
    public ModelSpec withDefense(Map<String, Object> defenseSpec) {
        return new ModelSpec(architecture, hyperparameters, inputShape, classNames, inputNormalization, defenseSpec);
    }

    /** The input shape as a {@link Shape}. */
    public Shape inputShapeAsShape() {
        return Shape.of(inputShape.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The number of classes. */
    public int classes() {
        return classNames.size();
    }

    /** Every way in which {@code model} differs from this spec (architecture, hyperparameters, input, classes). */
    public List<String> differencesFrom(Model model) {
        List<String> problems = new ArrayList<>();
        if (!architecture.equals(model.architecture())) {
            problems.add("architecture is " + architecture + " but the model is a " + model.architecture());
            return problems;
        }
        if (!sameValues(hyperparameters, model.hyperparameters())) {
            problems.add("hyperparameters are " + hyperparameters + " but the model has " + model.hyperparameters());
        }
        if (!inputShapeAsShape().equals(model.inputShape())) {
            problems.add("input shape is " + inputShapeAsShape() + " but the model takes " + model.inputShape());
        }
        if (classes() != model.classes()) {
            problems.add(classes() + " class names but the model has " + model.classes() + " classes");
        }
        return problems;
    }

    /** Equality of JSON-like values in which numbers compare by value (a hand-written 1 equals 1.0). */
    private static boolean sameValues(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> sameValues(x.get(k), y.get(k)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValues(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}

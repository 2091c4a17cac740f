package org.advmusic.nn.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.advmusic.engine.Shape;
import org.advmusic.nn.models.GenreCnn;
import org.advmusic.nn.models.Mlp;
import org.advmusic.nn.models.ResNet18;

/**
 * Reads an architecture's hyperparameters off the tensor shapes of its PyTorch state dict: the
 * width multiplier of GenreCnn and ResNet18, GenreCnn's dense width, the Mlp's hidden widths and
 * whether it has batch norm and dropout layers (from the gaps in the {@code layers.i} indices).
 * Dropout probabilities are not stored in a state dict; they take the seed network's values
 * (GenreCnn 0.15 and 0.5) or {@value #ASSUMED_MLP_DROPOUT} for an Mlp, and only matter for further training.
 */
final class TorchHyperparameters {
    /** The dropout probability assumed for an Mlp whose state dict shows dropout layers. */
    static final double ASSUMED_MLP_DROPOUT = 0.5;

    private TorchHyperparameters() {
    }

    /**
     * @param shapes the state dict's shapes by name
     * @throws IllegalArgumentException naming the tensor that is missing or does not fit the architecture
     */
    static Map<String, Object> infer(String architecture, Map<String, Shape> shapes) {
        return switch (architecture) {
            case GenreCnn.ARCHITECTURE -> genreCnn(shapes);
            case ResNet18.ARCHITECTURE -> resNet18(shapes);
            case Mlp.ARCHITECTURE -> mlp(shapes);
            default -> throw new IllegalArgumentException("cannot import architecture '" + architecture
                    + "'; expected one of " + List.of(GenreCnn.ARCHITECTURE, ResNet18.ARCHITECTURE, Mlp.ARCHITECTURE));
        };
    }

    private static Map<String, Object> genreCnn(Map<String, Shape> shapes) {
        int first = require(shapes, "features.0.conv1.weight", 4).dim(0);
        GenreCnn.Options seed = GenreCnn.Options.withWidth((double) first / GenreCnn.FULL_WIDTHS[0]);
        GenreCnn.Options options = new GenreCnn.Options(seed.widthMultiplier(), seed.blockDropout(),
                require(shapes, "classifier.0.weight", 2).dim(0), seed.denseDropout());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("widthMultiplier", options.widthMultiplier());
        map.put("blockDropout", options.blockDropout());
        map.put("denseUnits", options.denseUnits());
        map.put("denseDropout", options.denseDropout());
        return map;
    }

    private static Map<String, Object> resNet18(Map<String, Shape> shapes) {
        int first = require(shapes, "conv1.weight", 4).dim(0);
        double multiplier = (double) first / ResNet18.WIDTHS[0];
        return multiplier == 1.0 ? Map.of() : Map.of("widthMultiplier", multiplier);
    }

    private static Map<String, Object> mlp(Map<String, Shape> shapes) {
        TreeMap<Integer, Shape> linear = new TreeMap<>();
        boolean batchNorm = false;
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            if (parts.length != 3 || !parts[0].equals("layers") || !parts[1].matches("\\d+")) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " is not part of an Mlp (expected layers.<i>.<name>)");
            }
            if (parts[2].equals("weight") && e.getValue().rank() == 2) {
                linear.put(Integer.parseInt(parts[1]), e.getValue());
            }
            batchNorm |= parts[2].equals("running_mean");
        }
        if (linear.size() < 2) {
            throw new IllegalArgumentException("an Mlp state dict needs at least two Linear layers (layers.<i>.weight of"
                    + " rank 2); found " + linear.size());
        }
        List<Integer> indices = new ArrayList<>(linear.keySet());
        int step = indices.get(1) - indices.get(0);         // Linear, [BatchNorm1d], ReLU, [Dropout]
        boolean dropout = step == (batchNorm ? 4 : 3);
        List<Integer> hidden = new ArrayList<>();
        for (int i = 0; i < indices.size() - 1; i++) {
            hidden.add(linear.get(indices.get(i)).dim(0));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hiddenUnits", hidden);
        map.put("dropout", dropout ? ASSUMED_MLP_DROPOUT : 0.0);
        map.put("batchNorm", batchNorm);
        return map;
    }

    private static Shape require(Map<String, Shape> shapes, String name, int rank) {
        Shape shape = shapes.get(name);
        if (shape == null || shape.rank() != rank) {
            throw new IllegalArgumentException("tensor " + name + (shape == null ? " is missing" : " has shape " + shape)
                    + "; expected a rank-" + rank + " tensor");
        }
        return shape;
    }
}

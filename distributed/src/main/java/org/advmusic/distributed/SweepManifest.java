package org.advmusic.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rows of a sweep folder were computed with, kept as {@code sweep.json}: the config fields
 * that change a row when they change (the seed, the data, the model and its training, the device) and
 * the checkpoint's hash, and the defense settings that change a defense row behind its key
 * ({@link #DEFENSE_FIELDS}). A resumed or extended sweep must match it; attack budgets, cells and the number
 * of samples may change (new cells and tracks simply run).
 */
public final class SweepManifest {
    /** The file inside the sweep folder. */
    public static final String FILE = "sweep.json";
    /** The top-level config fields that invalidate earlier rows. */
    static final List<String> ROW_FIELDS = List.of("seed", "device", "data", "model", "training");
    /**
     * The {@code defenses} fields that change a defense row without changing its cell's key or the weights'
     * hash that every row carries (the squeezers, the detector's threshold) or that retrain the defended
     * models; the others (budgets, PGD steps, which models) only add or remove cells.
     */
    static final List<String> DEFENSE_FIELDS = List.of("epsilon", "pgd_steps", "epochs", "squeezing_training_bits",
            "squeezing_bits", "median_size", "detector_false_positive_rate", "robust_validation_samples");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepManifest() {
    }

    /** The manifest of a config tree and checkpoint. */
    public static ObjectNode of(ObjectNode configTree, String checkpointHash) {
        ObjectNode manifest = JSON.createObjectNode();
        for (String field : ROW_FIELDS) {
            JsonNode value = configTree.get(field);
            manifest.set(field, value == null ? JSON.nullNode() : value.deepCopy());
        }
        ObjectNode defenses = manifest.putObject("defenses");
        JsonNode configured = configTree.path("defenses");
        for (String field : DEFENSE_FIELDS) {
            JsonNode value = configured.get(field);
            defenses.set(field, value == null ? JSON.nullNode() : value.deepCopy());
        }
        manifest.put("checkpoint", checkpointHash);
        return manifest;
    }

    /** The manifest stored in {@code folder}, if any. */
    public static Optional<ObjectNode> read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of((ObjectNode) JSON.readTree(file.toFile()));
        } catch (IOException | ClassCastException e) {
            throw new SweepException(file + " is not a sweep manifest (" + e.getMessage() + "); remove the folder or choose"
                    + " another --out");
        }
    }

    /** Stores {@code manifest} in {@code folder}. */
    public static void write(Path folder, ObjectNode manifest) {
        try {
            Files.createDirectories(folder);
            JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(FILE).toFile(), manifest);
        } catch (IOException e) {
            throw new SweepException("sweep manifest cannot be written to " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to continue a sweep whose stored manifest differs from {@code current}, naming the first
     * differing field (e.g. {@code data.synthetic.seed}).
     */
    public static void requireCompatible(Path folder, ObjectNode stored, ObjectNode current) {
        Optional<String> difference = firstDifference("", stored, current);
        difference.ifPresent(field -> {
            throw new SweepException("the sweep in " + folder + " was computed with a different '" + field + "' ("
                    + describe(at(stored, field)) + ", now " + describe(at(current, field)) + "); its rows would not match."
                    + " Use another --out, or restore the field");
        });
    }

    /** The dotted path of the first field whose value differs, in {@code a}'s field order. */
    static Optional<String> firstDifference(String prefix, JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Optional<String> d = firstDifference(prefix + e.getKey() + ".", e.getValue(), b.get(e.getKey()));
                if (d.isPresent()) {
                    return d;
                }
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!a.has(name)) {
                    return Optional.of(prefix + name);
                }
            }
            return Optional.empty();
        }
        boolean same = a == null ? b == null || b.isNull() : a.isNull() ? b == null || b.isNull() : a.equals(b);
        return same ? Optional.empty() : Optional.of(prefix.substring(0, Math.max(0, prefix.length() - 1)));
    }

    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode node = root;
        for (String part : dotted.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node;
    }

    private static String describe(JsonNode node) {
        return node == null || node.isNull() ? "absent" : node.toString();
    }
}

package org.advmusic.experiments.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;

/**
 * The folder of one run ({@code results/<name>/}, layout in experiments/RESULTS.md) and its
 * {@code metrics.json}, which stages update section by section. Files are written atomically
 * (a temporary file renamed into place), so an interrupted run never leaves half a file.
 */
public final class RunDirectory {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final ObjectNode metrics;

    private RunDirectory(Path root, ObjectNode metrics) {
        this.root = root;
        this.metrics = metrics;
    }

    /** Opens (creating it if needed) a run folder, keeping the metrics of earlier stages. */
    public static RunDirectory open(Path root) {
        try {
            Files.createDirectories(root);
            Path file = root.resolve("metrics.json");
            ObjectNode metrics = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
            return new RunDirectory(root, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("run folder " + root + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** A path inside the folder, its parent folders created. */
    public Path file(String relative) {
        Path p = root.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p.getParent(), e);
        }
        return p;
    }

    /** The checkpoint folder of a model. */
    public Path checkpoint(String model) {
        return file("checkpoints/" + model + "/model.json").getParent();
    }

    /** The whole metrics tree (modify, then {@link #saveMetrics()}). */
    public ObjectNode metrics() {
        return metrics;
    }

    /** The object {@code metrics[name]}, created empty when absent. */
    public ObjectNode section(String name) {
        JsonNode node = metrics.get(name);
        return node instanceof ObjectNode o ? o : metrics.putObject(name);
    }

    /** The model entry named {@code name} in {@code metrics.models}, replacing an earlier one. */
    public ObjectNode modelEntry(String name) {
        ArrayNode models = metrics.has("models") ? (ArrayNode) metrics.get("models") : metrics.putArray("models");
        for (int i = 0; i < models.size(); i++) {
            if (name.equals(models.get(i).path("name").asText())) {
                models.remove(i);
                break;
            }
        }
        ObjectNode entry = models.addObject();
        entry.put("name", name);
        return entry;
    }

    /** Writes metrics.json (NaN and infinities as null). */
    public void saveMetrics() {
        writeJson("metrics.json", metrics);
    }

    /** Writes a JSON document atomically, NaN and infinities as null. */
    public void writeJson(String relative, JsonNode node) {
        JsonNode clean = withoutNonFinite(node.deepCopy());
        Path target = file(relative);
        try {
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            JSON.writeValue(temp.toFile(), clean);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode withoutNonFinite(JsonNode node) {
        if (node.isDouble() || node.isFloat()) {
            return Double.isFinite(node.asDouble()) ? node : NullNode.getInstance();
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(withoutNonFinite(e.getValue()));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, withoutNonFinite(a.get(i)));
            }
        }
        return node;
    }
}

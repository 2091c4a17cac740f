package org.advmusic.experiments.results;

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
import java.util.List;
import java.util.Map;

/**
 * Writing results as JSON, the conventions of RESULTS.md: NaN and infinities as {@code null},
 * files written atomically (a temporary file renamed into place, so an interrupted run never leaves
 * half a file). The section records build their JSON with these helpers; {@link JsonField} reads it.
 */
public final class ResultsJson {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code node[name] = value}, null when the value is NaN or infinite. */
    static ObjectNode number(ObjectNode node, String name, double value) {
        return Double.isFinite(value) ? node.put(name, value) : node.putNull(name);
    }

    /** {@code node[name] = text}, null when the text is null. */
    static ObjectNode text(ObjectNode node, String name, String text) {
        return text == null ? node.putNull(name) : node.put(name, text);
    }

    /** {@code node[name] = value}, null when the value is null. */
    static ObjectNode integer(ObjectNode node, String name, Long value) {
        return value == null ? node.putNull(name) : node.put(name, value);
    }

    /** An array of numbers, NaN and infinities as null. */
    static ArrayNode numbers(double[] values) {
        ArrayNode array = JSON.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
        return array;
    }

    /** A matrix of counts, or null. */
    static JsonNode counts(int[][] matrix) {
        if (matrix == null) {
            return NullNode.getInstance();
        }
        ArrayNode rows = JSON.createArrayNode();
        for (int[] row : matrix) {
            ArrayNode r = rows.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        return rows;
    }

    /** An array of the records' JSON. */
    static <T> ArrayNode array(List<T> items, java.util.function.Function<T, JsonNode> toJson) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(item -> array.add(toJson.apply(item)));
        return array;
    }

    /** An object of the values' JSON, in map order. */
    static <T> ObjectNode members(Map<String, T> values, java.util.function.Function<T, JsonNode> toJson) {
        ObjectNode node = object();
        values.forEach((name, value) -> node.set(name, toJson.apply(value)));
        return node;
    }

    /** Plain values (maps, lists, numbers, text: a defense spec, safetensors metadata) as compact JSON text. */
    public static String compact(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON: " + value, e);
        }
    }

    /** Writes a JSON document atomically (indented, NaN and infinities as null). */
    public static void write(Path target, JsonNode node) {
        JsonNode clean = withoutNonFinite(node.deepCopy());
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
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

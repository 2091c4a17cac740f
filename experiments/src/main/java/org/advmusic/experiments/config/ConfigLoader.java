package org.advmusic.experiments.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves a configuration: the built-in defaults (every field, documented in
 * {@code defaults.json}), deep-merged with a config file, then with {@code path=value} overrides
 * from the command line. Fields that the defaults do not have are errors that list the allowed
 * fields; values of the wrong type or out of range are errors that name the field, the value, what
 * is allowed and where the value came from (the config file or {@code --set}). Numbers are never
 * coerced: a fraction for a whole-number field, text for a number, duplicate keys and text after
 * the JSON are errors.
 */
public final class ConfigLoader {
    /** Config names that are built into the jar (the files of experiments/configs). */
    public static final List<String> BUILT_IN = List.of("demo", "gtzan-study-demo", "gtzan-cnn", "gtzan-resnet18",
            "gtzan-features-mlp", "msd-mlp", "irmas-cnn", "instruments-demo", "irmas-svc");

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern FIELD = Pattern.compile("config field '([^']+)'");

    /** Fields of earlier versions that one field now replaces. */
    private static final Map<String, String> REPLACED = Map.of(
            "attacks.checklist_epsilon", "attacks.reference_epsilon",
            "attacks.genetic_epsilon", "attacks.reference_epsilon",
            "gradcam.epsilon", "attacks.reference_epsilon",
            "audio.epsilon", "attacks.reference_epsilon");

    private ConfigLoader() {
    }

    /**
     * A resolved config tree and where each field set by a file or a flag came from.
     *
     * @param tree    every field (what {@code config.json} of a run contains)
     * @param origins dotted field path to its source ("config my.json", "--set"); fields left at their default are absent
     */
    public record Resolved(ObjectNode tree, Map<String, String> origins) {
    }

    /**
     * @param config    a file path, a built-in name (see {@link #BUILT_IN}), or null for the defaults alone
     * @param overrides {@code dotted.path=value} pairs; the value is parsed as JSON when it can be
     *                  (numbers, booleans, null, arrays), else taken as text
     */
    public static ExperimentConfig load(String config, List<String> overrides) {
        return bind(resolve(config, overrides));
    }

    /** The merged tree before binding, with the origin of every field that is not a default. */
    public static Resolved resolve(String config, List<String> overrides) {
        ObjectNode tree = defaults();
        Map<String, String> origins = new HashMap<>();
        if (config != null) {
            JsonNode file = readConfig(config);
            if (!file.isObject()) {
                throw new ConfigException("config " + config + ": expected a JSON object at the top level");
            }
            merge(tree, (ObjectNode) file, "", "config " + config, origins);
        }
        for (String override : overrides) {
            apply(tree, override, origins);
        }
        return new Resolved(tree, origins);
    }

    /** A copy of a resolved config with {@code dotted.path=value} overrides applied (as {@code --set} does). */
    public static Resolved withOverrides(Resolved resolved, List<String> overrides) {
        ObjectNode copy = resolved.tree().deepCopy();
        Map<String, String> origins = new HashMap<>(resolved.origins());
        for (String override : overrides) {
            apply(copy, override, origins);
        }
        return new Resolved(copy, origins);
    }

    /** Binds a resolved tree to the typed configuration (validating every value). */
    public static ExperimentConfig bind(Resolved resolved) {
        try {
            return JSON.treeToValue(resolved.tree(), ExperimentConfig.class);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof ConfigException ce) {
                throw withOrigin(ce, resolved.origins());
            }
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            JsonNode value = resolved.tree().at("/" + path.replace("[", "/").replace("]", "").replace('.', '/'));
            String expected = e instanceof MismatchedInputException m && m.getTargetType() != null
                    ? expectedType(m.getTargetType()) : "a value of the documented type (see defaults.json)";
            throw withOrigin(new ConfigException("config field '" + path + "' is " + value + "; expected " + expected),
                    resolved.origins());
        } catch (JsonProcessingException e) {
            throw new ConfigException("config: " + e.getOriginalMessage());
        }
    }

    /** What a Java field type reads as in a config. */
    private static String expectedType(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == double[].class) {
            return type == double[].class ? "a list of numbers" : "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text in quotes";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /** The error with the source of its field appended (the config file, or --set). */
    private static ConfigException withOrigin(ConfigException e, Map<String, String> origins) {
        Matcher m = FIELD.matcher(e.getMessage());
        if (!m.find()) {
            return e;
        }
        String field = m.group(1);
        for (String path = field.replaceAll("\\[\\d+]$", ""); !path.isEmpty(); path = parent(path)) {
            if (origins.containsKey(path)) {
                return new ConfigException(e.getMessage() + " (set by " + origins.get(path) + ")");
            }
        }
        return new ConfigException(e.getMessage() + " (the default of defaults.json, changed by no file or flag)");
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** The built-in defaults. */
    public static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/org/advmusic/experiments/defaults.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the built-in defaults.json cannot be read", e);
        }
    }

    private static JsonNode readConfig(String config) {
        Path file = Path.of(config);
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException("config " + config + " is a folder; expected a JSON file or a built-in name ("
                        + String.join(", ", BUILT_IN) + ")");
            }
            if (Files.isRegularFile(file)) {
                return JSON.readTree(file.toFile());
            }
            String name = config.endsWith(".json") ? config.substring(0, config.length() - 5) : config;
            try (InputStream in = ConfigLoader.class.getResourceAsStream("/configs/" + name + ".json")) {
                if (in != null) {
                    return JSON.readTree(in);
                }
            }
        } catch (JsonProcessingException e) {
            throw new ConfigException("config " + config + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("config " + config + " cannot be read: " + e.getMessage());
        }
        throw new ConfigException("config '" + config + "' is neither a file nor a built-in config; built-in: "
                + String.join(", ", BUILT_IN));
    }

    /** Copies {@code from} into {@code into}, refusing fields that {@code into} (the defaults) lacks. */
    private static void merge(ObjectNode into, ObjectNode from, String prefix, String source, Map<String, String> origins) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            if (!into.has(e.getKey())) {
                throw unknown(path, into, source);
            }
            JsonNode existing = into.get(e.getKey());
            if (existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), path + ".", source, origins);
            } else if (existing.isObject() && !e.getValue().isNull()) {
                throw new ConfigException(source + ": config field '" + path + "' must be an object with fields "
                        + fieldNames(existing) + ", not " + e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
                origins.put(path, source);
            }
        }
    }

    private static void apply(ObjectNode tree, String override, Map<String, String> origins) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("--set " + override + ": expected field=value, e.g. training.epochs=3");
        }
        String[] path = override.substring(0, eq).trim().split("\\.");
        String text = override.substring(eq + 1).trim();
        JsonNode value;
        try {
            value = JSON.readTree(text);
            if (value == null || value.isMissingNode()) {
                value = TextNode.valueOf(text);
            }
        } catch (JsonProcessingException e) {
            value = TextNode.valueOf(text);
        }
        ObjectNode node = tree;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < path.length; i++) {
            walked.append(i == 0 ? "" : ".").append(path[i]);
            if (!node.has(path[i])) {
                throw unknown(walked.toString(), node, "--set");
            }
            if (i < path.length - 1) {
                if (!node.get(path[i]).isObject()) {
                    throw new ConfigException("--set " + override + ": '" + walked + "' is not an object");
                }
                node = (ObjectNode) node.get(path[i]);
            } else if (node.get(path[i]).isObject() && !value.isObject()) {
                throw new ConfigException("--set " + override + ": '" + walked + "' is an object with fields "
                        + fieldNames(node.get(path[i])) + "; set one of them");
            } else {
                node.set(path[i], value);
                origins.put(walked.toString(), "--set " + override);
            }
        }
    }

    private static ConfigException unknown(String path, JsonNode parent, String source) {
        if (REPLACED.containsKey(path)) {
            return new ConfigException(source + ": config field '" + path + "' was replaced by '" + REPLACED.get(path)
                    + "' (one reference budget for the checklist, detector, Grad-CAM, audio and the genetic attack)");
        }
        return new ConfigException(source + ": config field '" + path + "' is unknown; allowed here: " + fieldNames(parent));
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}

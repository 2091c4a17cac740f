package org.advmusic.experiments.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON value read from a results file together with where it sits (the file and the JSON path),
 * so that every complaint names both: {@code metrics.json: field robustness.reports[2].robust_accuracy:
 * expected a number, found "high"}.
 *
 * <p>Conventions of {@code RESULTS.md}: a number may be {@code null} (NaN or an infinity was
 * written); it reads as NaN. Non-numeric number tokens ({@code NaN}, {@code Infinity}) and the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (Jackson's defaults) are accepted too.
 */
public final class JsonField {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path file;
    private final String path;
    private final JsonNode node;

    private JsonField(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    /** Reads and parses a whole JSON file; a missing file or invalid JSON is reported with the file's path. */
    public static JsonField read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MalformedResultsException(file, "", "file not found");
        }
        try {
            return new JsonField(file, "", JSON.readTree(file.toFile()));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new MalformedResultsException(file, "", "not valid JSON: " + e.getOriginalMessage() + where);
        }
    }

    /** Parses JSON text (a safetensors metadata string, for example) as if it were the file's root. */
    public static JsonField parse(Path file, String field, String text) throws MalformedResultsException {
        try {
            return new JsonField(file, field, JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new MalformedResultsException(file, field, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Whether the value is there and not {@code null}. */
    public boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** The raw value, for display only (the defense spec, for example). */
    public JsonNode raw() {
        return node;
    }

    /** The member {@code name} of this object (absent when this value is absent); fails when this is not an object. */
    public JsonField get(String name) throws MalformedResultsException {
        if (!isPresent()) {
            return new JsonField(file, childPath(name), null);
        }
        if (!node.isObject()) {
            throw error("expected an object with the field '" + name + "', found " + describe(node));
        }
        return new JsonField(file, childPath(name), node.get(name));
    }

    /** The member {@code name}, which must be present and not null. */
    public JsonField require(String name) throws MalformedResultsException {
        JsonField child = get(name);
        if (!child.isPresent()) {
            throw child.error("required field is " + (child.node.isNull() ? "null" : "missing"));
        }
        return child;
    }

    /** The elements of this array; an absent value gives no elements; fails when this is not an array. */
    public List<JsonField> elements() throws MalformedResultsException {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("expected an array, found " + describe(node));
        }
        List<JsonField> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new JsonField(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** The members of this object in file order; an absent value gives none; fails when this is not an object. */
    public Map<String, JsonField> members() throws MalformedResultsException {
        Map<String, JsonField> out = new LinkedHashMap<>();
        if (!isPresent()) {
            return out;
        }
        if (!node.isObject()) {
            throw error("expected an object, found " + describe(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            out.put(name, new JsonField(file, childPath(name), node.get(name)));
        }
        return out;
    }

    /** Parses each element of this array with {@code parser}; an absent value gives an empty list. */
    public <T> List<T> list(Parser<T> parser) throws MalformedResultsException {
        List<T> out = new ArrayList<>();
        for (JsonField element : elements()) {
            out.add(parser.parse(element));
        }
        return List.copyOf(out);
    }

    /** Parses each member of this object with {@code parser}, keeping file order; an absent value gives an empty map. */
    public <T> Map<String, T> map(Parser<T> parser) throws MalformedResultsException {
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonField> member : members().entrySet()) {
            out.put(member.getKey(), parser.parse(member.getValue()));
        }
        return out;
    }

    /** Parses this value with {@code parser} when present; null otherwise. */
    public <T> T optional(Parser<T> parser) throws MalformedResultsException {
        return isPresent() ? parser.parse(this) : null;
    }

    /** This value as a number: null reads as NaN (RESULTS.md writes NaN and infinities as null); absent is an error. */
    public double number() throws MalformedResultsException {
        if (node.isMissingNode()) {
            throw error("required number is missing");
        }
        return optionalNumber();
    }

    /** This value as a number, NaN when absent or null. */
    public double optionalNumber() throws MalformedResultsException {
        if (!isPresent()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        Double special = !node.isTextual() ? null : switch (node.textValue()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
        if (special == null) {
            throw error("expected a number, found " + describe(node));
        }
        return special;
    }

    /** This value as a fraction in [0, 1] (an accuracy or a rate); null reads as NaN. */
    public double fraction() throws MalformedResultsException {
        double value = number();
        if (value < 0 || value > 1) {
            throw error("expected a fraction in [0, 1], found " + value);
        }
        return value;
    }

    /** This value as an optional fraction in [0, 1]: NaN when absent or null. */
    public double optionalFraction() throws MalformedResultsException {
        return isPresent() ? fraction() : Double.NaN;
    }

    /** This value as a whole number; must be present. */
    public long integer() throws MalformedResultsException {
        if (!isPresent()) {
            throw error("required whole number is " + (node.isNull() ? "null" : "missing"));
        }
        if (!node.isNumber() || node.doubleValue() != Math.rint(node.doubleValue())) {
            throw error("expected a whole number, found " + describe(node));
        }
        return node.longValue();
    }

    /** This value as a whole number, or null when absent. */
    public Long optionalInteger() throws MalformedResultsException {
        return isPresent() ? integer() : null;
    }

    /** This value as a whole number that fits an int and is at least {@code minimum}. */
    public int count(int minimum) throws MalformedResultsException {
        long value = integer();
        if (value < minimum || value > Integer.MAX_VALUE) {
            throw error("expected a whole number >= " + minimum + ", found " + value);
        }
        return (int) value;
    }

    /** This value as text; must be present. */
    public String text() throws MalformedResultsException {
        if (!isPresent()) {
            throw error("required text is " + (node.isNull() ? "null" : "missing"));
        }
        if (!node.isTextual()) {
            throw error("expected text, found " + describe(node));
        }
        return node.textValue();
    }

    /** This value as text, or null when absent or null. */
    public String optionalText() throws MalformedResultsException {
        return isPresent() ? text() : null;
    }

    /** This value as true or false; must be present. */
    public boolean bool() throws MalformedResultsException {
        if (!isPresent() || !node.isBoolean()) {
            throw error("expected true or false, found " + describe(node));
        }
        return node.booleanValue();
    }

    /** A matrix of non-negative counts: an array of equally long arrays of whole numbers. */
    public int[][] countMatrix() throws MalformedResultsException {
        List<JsonField> rows = elements();
        int[][] out = new int[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            List<JsonField> row = rows.get(r).elements();
            if (r > 0 && row.size() != out[0].length) {
                throw rows.get(r).error("expected " + out[0].length + " entries like row 0, found " + row.size());
            }
            out[r] = new int[row.size()];
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = row.get(c).count(0);
            }
        }
        return out;
    }

    /** An error about this field. */
    public MalformedResultsException error(String reason) {
        return new MalformedResultsException(file, path, reason);
    }

    private String childPath(String name) {
        String member = PLAIN_NAME.matcher(name).matches() ? name : "[\"" + name.replace("\"", "\\\"") + "\"]";
        return path.isEmpty() || member.startsWith("[") ? path + member : path + "." + member;
    }

    private static String describe(JsonNode value) {
        if (value.isMissingNode()) {
            return "nothing (missing)";
        }
        String text = value.toString();
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + shown;
    }

    /** Turns one JSON value into a typed value, naming the field on failure. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(JsonField field) throws MalformedResultsException;
    }
}

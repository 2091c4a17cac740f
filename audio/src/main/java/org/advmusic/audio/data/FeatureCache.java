package org.advmusic.audio.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.advmusic.engine.Backends;
import org.advmusic.engine.DType;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;

/**
 * Features computed from source files, kept on disk so that a second run does not recompute them.
 * Each settings fingerprint (a text naming everything that changes the result: front-end and segment
 * settings, feature kind) gets its own folder {@code <directory>/<sha256(fingerprint)[0, 16)>/} with a
 * {@code manifest.json} ({@code {"settings": fingerprint, "entries": {source: {"size", "modified", "file"}}}})
 * and one safetensors file per source. An entry is used only when the source's size and
 * modification time still match; a changed file is recomputed, changed settings use another folder.
 * Thread-safe; call {@link #save()} after a load to write the manifest.
 */
public final class FeatureCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An array and its shape, as stored. */
    public record Array(int[] shape, float[] values) {
    }

    private record Entry(long size, long modified, String file) {
    }

    private final Path folder;
    private final String fingerprint;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Opens (or starts) the cache for one settings fingerprint under {@code directory}. A manifest that
     * cannot be read is ignored (everything is recomputed and it is rewritten).
     */
    public FeatureCache(Path directory, String fingerprint) {
        this.fingerprint = fingerprint;
        this.folder = directory.resolve(sha256(fingerprint).substring(0, 16));
        Path manifest = folder.resolve("manifest.json");
        if (Files.isRegularFile(manifest)) {
            try {
                JsonNode root = JSON.readTree(manifest.toFile());
                if (fingerprint.equals(root.path("settings").asText())) {
                    root.path("entries").fields().forEachRemaining(e -> entries.put(e.getKey(), new Entry(
                            e.getValue().path("size").asLong(-1), e.getValue().path("modified").asLong(-1),
                            e.getValue().path("file").asText())));
                }
            } catch (IOException e) {
                entries.clear(); // unreadable manifest: start afresh
            }
        }
    }

    /** The folder of this fingerprint's entries. */
    public Path folder() {
        return folder;
    }

    /** The stored arrays of {@code source}, if present and the source is unchanged since. */
    public Optional<Map<String, Array>> lookup(Path source) {
        Entry entry = entries.get(key(source));
        if (entry == null) {
            return Optional.empty();
        }
        try {
            if (Files.size(source) != entry.size() || Files.getLastModifiedTime(source).toMillis() != entry.modified()) {
                return Optional.empty();
            }
            Map<String, Array> arrays = new LinkedHashMap<>();
            Safetensors.readContents(folder.resolve(entry.file())).tensors().forEach((name, stored) -> {
                double[] values = stored.values();
                float[] floats = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    floats[i] = (float) values[i];
                }
                arrays.put(name, new Array(stored.shape().dims(), floats));
            });
            return Optional.of(arrays);
        } catch (IOException e) {
            return Optional.empty(); // a missing or damaged entry is recomputed
        }
    }

    /** Stores {@code arrays} for {@code source} as float32 safetensors (replacing an older entry). */
    public void store(Path source, Map<String, Array> arrays) throws IOException {
        String key = key(source);
        String file = sha256(key).substring(0, 24) + ".safetensors";
        try (MemoryScope scope = MemoryScope.open()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            arrays.forEach((name, array) -> tensors.put(name,
                    Tensor.fromArray(Backends.reference(), array.values(), array.shape())));
            Safetensors.write(folder.resolve(file), tensors, Map.of("source", key), DType.F32);
        }
        entries.put(key, new Entry(Files.size(source), Files.getLastModifiedTime(source).toMillis(), file));
    }

    /** Writes the manifest (atomically). */
    public void save() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("settings", fingerprint);
        ObjectNode list = root.putObject("entries");
        new TreeMap<>(entries).forEach((key, e) -> {
            ObjectNode node = list.putObject(key);
            node.put("size", e.size());
            node.put("modified", e.modified());
            node.put("file", e.file());
        });
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "manifest", ".tmp");
        try {
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
            Files.move(temp, folder.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String key(Path source) {
        return source.toAbsolutePath().normalize().toString().replace('\\', '/');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}

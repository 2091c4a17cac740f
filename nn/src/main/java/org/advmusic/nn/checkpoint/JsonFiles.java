package org.advmusic.nn.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Small JSON documents (specs, histories, training state) written atomically and read with clear errors. */
public final class JsonFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {
    }

    /** Writes {@code value} as indented JSON to a temporary file beside {@code file}, then renames it into place. */
    public static void write(Path file, Object value) throws IOException {
        writeAtomically(file, JSON.writeValueAsBytes(value));
    }

    /** Writes {@code bytes} to a temporary file beside {@code file}, then renames it into place. */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Reads {@code file} as a {@code type}.
     *
     * @throws CheckpointException naming the file when it is missing or not valid JSON of that form
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, "missing (expected a " + type.getSimpleName() + " document)");
        }
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (JacksonException e) {
            throw new CheckpointException(file, "not a valid " + type.getSimpleName() + " document: "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, "invalid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}

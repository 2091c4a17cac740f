package org.advmusic.distributed;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.advmusic.engine.Backend;
import org.advmusic.nn.checkpoint.Checkpoint;

/**
 * A model checkpoint as bytes, the payload a sweep broadcasts to its executors (which need no shared
 * file system): the safetensors weights, the model spec, and the SHA-256 of the weights that tags
 * every row computed from them.
 *
 * @param weights the {@value Checkpoint#WEIGHTS_FILE} file's bytes
 * @param spec    the {@value Checkpoint#SPEC_FILE} file's bytes
 * @param hash    lower-case hex SHA-256 of {@code weights}
 */
public record CheckpointBytes(byte[] weights, byte[] spec, String hash) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Reads the checkpoint folder {@code directory}.
     *
     * @throws SweepException naming the missing or unreadable file
     */
    public static CheckpointBytes read(Path directory) {
        Path weightsFile = directory.resolve(Checkpoint.WEIGHTS_FILE);
        Path specFile = directory.resolve(Checkpoint.SPEC_FILE);
        try {
            byte[] weights = Files.readAllBytes(weightsFile);
            return new CheckpointBytes(weights, Files.readAllBytes(specFile), sha256(weights));
        } catch (NoSuchFileException e) {
            throw new SweepException("checkpoint file " + e.getFile() + " does not exist; expected a checkpoint folder with "
                    + Checkpoint.WEIGHTS_FILE + " and " + Checkpoint.SPEC_FILE);
        } catch (IOException e) {
            throw new SweepException("checkpoint " + directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds the model on {@code backend} (on an executor): the bytes go to a temporary folder that
     * {@link Checkpoint#load} reads and that is deleted afterwards.
     *
     * @throws SweepException when the bytes are not the checkpoint they claim to be (hash mismatch) or
     *                        do not load
     */
    public Checkpoint.Loaded load(Backend backend) {
        if (weights == null || spec == null || !sha256(weights).equals(hash)) {
            throw new SweepException("the broadcast checkpoint " + hash + " is missing or damaged on this executor"
                    + " (weights " + (weights == null ? "absent" : weights.length + " bytes") + ")");
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("advmusic-checkpoint-");
            Files.write(folder.resolve(Checkpoint.WEIGHTS_FILE), weights);
            Files.write(folder.resolve(Checkpoint.SPEC_FILE), spec);
            return Checkpoint.load(folder, backend);
        } catch (IOException e) {
            throw new SweepException("the broadcast checkpoint " + hash + " does not load on this executor: " + e.getMessage(), e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try {
            Files.deleteIfExists(folder.resolve(Checkpoint.WEIGHTS_FILE));
            Files.deleteIfExists(folder.resolve(Checkpoint.SPEC_FILE));
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("temporary checkpoint folder " + folder + " cannot be deleted", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

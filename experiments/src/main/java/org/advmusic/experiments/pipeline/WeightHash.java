package org.advmusic.experiments.pipeline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Model;

/**
 * The identity of a model's weights: the first 16 hex digits of the SHA-256 of its state dict
 * (names in sorted order, each tensor's shape and float32 values). Saving and loading a float32
 * checkpoint keeps it; any retraining changes it. Results carry it, so results of different weights
 * are never shown as one.
 */
public final class WeightHash {
    private WeightHash() {
    }

    /** The hash of {@code model}'s current weights and buffers. */
    public static String of(Model model) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        for (Map.Entry<String, Tensor> e : new TreeMap<>(model.stateDict()).entrySet()) {
            digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update(e.getValue().shape().toString().getBytes(StandardCharsets.UTF_8));
            float[] values = e.getValue().toFloatArray();
            ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            digest.update(bytes.array());
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}

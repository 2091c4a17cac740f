package org.advmusic.nn.interop;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.advmusic.engine.Shape;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.nn.checkpoint.CheckpointException;

/**
 * Checks that a safetensors file holds exactly an expected state-dict layout (names and shapes), and
 * names the first tensor that does not fit. PyTorch's {@code num_batches_tracked} counters may be
 * absent (converters often drop them); they only count training steps.
 */
final class TorchLayout {
    private static final String BATCH_COUNTER = "num_batches_tracked";

    private TorchLayout() {
    }

    /** The shapes of the tensors stored in a file, in file order. */
    static Map<String, Shape> shapes(Safetensors.Contents contents) {
        Map<String, Shape> out = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> out.put(name, t.shape()));
        return out;
    }

    /**
     * Throws unless {@code stored} has every expected name (batch counters may be missing) with the
     * expected shape, and nothing else. The file's tensors are checked in file order, then the
     * missing ones in expected order; the first problem is reported.
     *
     * @param layout names the expected layout in the message, e.g. "torchvision resnet18 (ImageNet)"
     * @throws CheckpointException naming {@code file}, the first mismatched tensor, its shape and the expected one
     */
    static void require(Path file, String layout, Map<String, Shape> expected, Map<String, Shape> stored)
            throws CheckpointException {
        for (Map.Entry<String, Shape> e : stored.entrySet()) {
            Shape want = expected.get(e.getKey());
            if (want == null) {
                throw mismatch(file, layout, "tensor " + e.getKey() + " " + e.getValue() + " is not part of it");
            }
            if (!want.equals(e.getValue())) {
                throw mismatch(file, layout, "tensor " + e.getKey() + " has shape " + e.getValue() + ", expected " + want);
            }
        }
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            if (!stored.containsKey(e.getKey()) && !e.getKey().endsWith(BATCH_COUNTER)) {
                throw mismatch(file, layout, "tensor " + e.getKey() + " " + e.getValue() + " is missing");
            }
        }
    }

    private static CheckpointException mismatch(Path file, String layout, String problem) {
        return new CheckpointException(file, "is not in the layout of " + layout + ": " + problem);
    }
}

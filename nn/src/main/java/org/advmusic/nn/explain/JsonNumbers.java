package org.advmusic.nn.explain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON has no NaN or infinity: undefined measurements are written as {@code null}. */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /** Puts {@code value} under {@code key}, or null when it is not finite; returns the node. */
    static ObjectNode put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
        return node;
    }
}

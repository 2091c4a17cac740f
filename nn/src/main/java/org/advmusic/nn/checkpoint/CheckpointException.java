package org.advmusic.nn.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint that cannot be read or does not fit its target, with the path and the reason. */
public final class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param path the checkpoint file or directory; {@code reason} says what is wrong */
    public CheckpointException(Path path, String reason) {
        super(path + ": " + reason);
    }

    /** The same, keeping the underlying error. */
    public CheckpointException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
    }
}

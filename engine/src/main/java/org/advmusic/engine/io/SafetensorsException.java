package org.advmusic.engine.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a valid safetensors file; the message names the file and the problem. */
public final class SafetensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param problem what is wrong, in words */
    public SafetensorsException(Path file, String problem) {
        super(file + ": " + problem);
    }
}

package org.advmusic.audio.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file that cannot be read as audio, with the path and the reason (not RIFF, truncated, unsupported encoding). */
public final class AudioFileException extends IOException {
    private final transient Path path;
    private final String reason;

    /** @param path the offending file; @param reason what is wrong with it, in words */
    public AudioFileException(Path path, String reason, Throwable cause) {
        super(path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    /** The offending file. */
    public Path path() {
        return path;
    }

    /** What is wrong with it. */
    public String reason() {
        return reason;
    }
}

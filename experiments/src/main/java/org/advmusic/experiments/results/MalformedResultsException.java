package org.advmusic.experiments.results;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A results file that does not follow {@code experiments/RESULTS.md}. The message names the file,
 * the JSON field (for example {@code robustness.reports[2].robust_accuracy}) and what is wrong.
 */
public final class MalformedResultsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String field;

    /**
     * @param file   the offending file
     * @param field  the JSON path of the offending field; empty for the whole file
     * @param reason what is wrong and what was expected
     */
    public MalformedResultsException(Path file, String field, String reason) {
        super(file + ": " + (field.isEmpty() ? "" : "field " + field + ": ") + reason);
        this.file = file;
        this.field = field;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }

    /** The JSON path of the offending field, for example {@code models[0].clean.confusion}; empty for the whole file. */
    public String field() {
        return field;
    }
}

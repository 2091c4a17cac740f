package org.advmusic.nn.checkpoint;

import java.util.Map;

/**
 * How raw features become model inputs, recorded so that a checkpoint is used with the same
 * preprocessing it was trained with; e.g. {@code "log-mel dB mapped from [-80, 0] to [0, 1], clipped"}
 * with parameters {@code {"low_db": -80, "high_db": 0}}, or a per-feature standardisation with its
 * means and deviations.
 *
 * @param description a sentence a person can read
 * @param parameters  the numbers needed to reproduce it (may be empty)
 */
public record InputNormalization(String description, Map<String, Object> parameters) {

    public InputNormalization {
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("input normalisation: a description is required");
        }
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** Inputs are used as given. */
    public static InputNormalization none() {
        return new InputNormalization("none: inputs are used as given", Map.of());
    }
}

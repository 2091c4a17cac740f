package org.advmusic.nn.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Converts a model's options record to the plain map stored in checkpoints, and back. */
final class Hyperparameters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Hyperparameters() {
    }

    /** The record's components by name (numbers, booleans, lists). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(Record options) {
        return JSON.convertValue(options, Map.class);
    }

    /**
     * The options record described by {@code map}.
     *
     * @throws IllegalArgumentException naming the architecture and what does not fit (an unknown
     *                                  key, a wrong type, or a value the record rejects)
     */
    static <T extends Record> T fromMap(String architecture, Map<String, Object> map, Class<T> type) {
        try {
            return JSON.convertValue(map, type);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(architecture + ": hyperparameters " + map + " do not fit: "
                    + cause.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}

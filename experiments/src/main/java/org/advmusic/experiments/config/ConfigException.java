package org.advmusic.experiments.config;

/** A configuration that cannot be used; the message names the field, the value and what is allowed. */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}

package org.advmusic.distributed;

/** A sweep that cannot start or continue, with a message naming the bad value and what was expected. */
public final class SweepException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}

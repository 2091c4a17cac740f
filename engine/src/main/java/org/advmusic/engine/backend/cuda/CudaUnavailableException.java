package org.advmusic.engine.backend.cuda;

/** The CUDA backend cannot run here; the message says which step failed and why. */
final class CudaUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    CudaUnavailableException(String message) {
        super(message);
    }

    CudaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

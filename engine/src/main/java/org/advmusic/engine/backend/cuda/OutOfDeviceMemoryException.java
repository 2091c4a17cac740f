package org.advmusic.engine.backend.cuda;

/** The device has no free block of the requested size (CUDA_ERROR_OUT_OF_MEMORY). */
final class OutOfDeviceMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfDeviceMemoryException(String message) {
        super(message);
    }
}

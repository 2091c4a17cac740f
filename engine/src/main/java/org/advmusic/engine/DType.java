package org.advmusic.engine;

/** Element type of a backend's buffers. Each backend has exactly one. */
public enum DType {
    /** IEEE 754 single precision, 4 bytes: the fast CPU and CUDA backends. */
    F32(4),
    /** IEEE 754 double precision, 8 bytes: the reference backend used as the oracle. */
    F64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }
}

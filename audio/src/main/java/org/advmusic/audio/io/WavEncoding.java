package org.advmusic.audio.io;

/** How {@link WavWriter} stores samples. */
public enum WavEncoding {
    /** Signed 16-bit PCM (GTZAN's format). */
    PCM_16(16),
    /** Signed 24-bit PCM. */
    PCM_24(24),
    /** 32-bit IEEE float. */
    FLOAT_32(32);

    private final int bits;

    WavEncoding(int bits) {
        this.bits = bits;
    }

    /** Bits per sample. */
    public int bits() {
        return bits;
    }
}

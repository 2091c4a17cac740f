package org.advmusic.audio.dsp;

/** How mel filters are scaled. */
public enum MelNormalization {
    /** librosa's {@code norm='slaney'}: filter i times {@code 2 / (edge[i+2] - edge[i])} (equal area). */
    SLANEY,
    /** Peak 1 triangles (HTK, torchaudio's default). */
    NONE
}

package org.advmusic.audio.features;

/** The power that {@code power_to_db} calls 0 dB when building model inputs. */
public enum DecibelReference {
    /** The largest mel power of the whole track (librosa {@code ref=np.max} on the track): inputs in [-80, 0] dB. */
    TRACK_MAXIMUM,
    /** The largest mel power of each segment. */
    SEGMENT_MAXIMUM,
    /** Power 1 (librosa's default {@code ref=1.0}); absolute levels, usually with a wider dB range. */
    UNIT
}

package org.advmusic.audio.synth;

/** Chord types as semitone intervals above the root. */
public enum ChordQuality {
    MAJOR(0, 4, 7), MINOR(0, 3, 7), DOMINANT_SEVENTH(0, 4, 7, 10), MAJOR_SEVENTH(0, 4, 7, 11),
    MINOR_SEVENTH(0, 3, 7, 10), HALF_DIMINISHED(0, 3, 6, 10), DOMINANT_NINTH(0, 4, 7, 10, 14),
    MINOR_NINTH(0, 3, 7, 10, 14), POWER(0, 7, 12);

    private final int[] intervals;

    ChordQuality(int... intervals) {
        this.intervals = intervals;
    }

    /** Semitones above the root, ascending; a copy. */
    public int[] intervals() {
        return intervals.clone();
    }

    /** The interval of the third (3 or 4), or the fifth for a power chord. */
    public int third() {
        return intervals[1];
    }
}

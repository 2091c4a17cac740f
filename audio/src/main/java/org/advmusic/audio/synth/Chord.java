package org.advmusic.audio.synth;

/**
 * A chord of a progression, relative to the key.
 *
 * @param degree  root in semitones above the key's tonic (0 = I, 5 = IV, 7 = V, 10 = bVII, ...)
 * @param quality the chord type
 */
public record Chord(int degree, ChordQuality quality) {

    /** Shorthand constructor for progression tables. */
    public static Chord of(int degree, ChordQuality quality) {
        return new Chord(degree, quality);
    }

    /** The root's MIDI pitch in the octave starting at {@code lowestPitch}, for a key with tonic pitch class {@code key}. */
    public int rootAtOrAbove(int key, int lowestPitch) {
        int pitchClass = Math.floorMod(key + degree, 12);
        return lowestPitch + Math.floorMod(pitchClass - lowestPitch, 12);
    }

    /** Chord tones (pitch classes of root + intervals) as MIDI pitches stacked from {@code root}. */
    public int[] voicing(int root) {
        int[] intervals = quality.intervals();
        int[] pitches = new int[intervals.length];
        for (int i = 0; i < intervals.length; i++) {
            pitches[i] = root + intervals[i];
        }
        return pitches;
    }

    /** Whether {@code pitch} is one of this chord's tones in a key with tonic {@code key}. */
    public boolean contains(int key, int pitch) {
        int relative = Math.floorMod(pitch - key - degree, 12);
        for (int interval : quality.intervals()) {
            if (Math.floorMod(interval, 12) == relative) {
                return true;
            }
        }
        return false;
    }
}

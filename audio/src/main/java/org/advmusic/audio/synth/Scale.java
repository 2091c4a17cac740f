package org.advmusic.audio.synth;

/** Scales as semitone offsets from the tonic within one octave. */
public enum Scale {
    MAJOR(0, 2, 4, 5, 7, 9, 11), NATURAL_MINOR(0, 2, 3, 5, 7, 8, 10), HARMONIC_MINOR(0, 2, 3, 5, 7, 8, 11),
    DORIAN(0, 2, 3, 5, 7, 9, 10), MIXOLYDIAN(0, 2, 4, 5, 7, 9, 10), MAJOR_PENTATONIC(0, 2, 4, 7, 9),
    MINOR_PENTATONIC(0, 3, 5, 7, 10), BLUES(0, 3, 5, 6, 7, 10), BEBOP_DOMINANT(0, 2, 4, 5, 7, 9, 10, 11);

    private final int[] steps;

    Scale(int... steps) {
        this.steps = steps;
    }

    /** The MIDI pitch of scale degree {@code index} (any integer; octaves wrap) above tonic pitch {@code tonic}. */
    public int pitch(int tonic, int index) {
        int octave = Math.floorDiv(index, steps.length);
        return tonic + 12 * octave + steps[Math.floorMod(index, steps.length)];
    }

    /** The degree index whose pitch is nearest to {@code pitch} (ties to the lower). */
    public int nearestIndex(int tonic, int pitch) {
        int guess = Math.floorDiv(pitch - tonic, 12) * steps.length;
        int best = guess;
        for (int i = guess - steps.length; i <= guess + 2 * steps.length; i++) {
            if (Math.abs(pitch(tonic, i) - pitch) < Math.abs(pitch(tonic, best) - pitch)) {
                best = i;
            }
        }
        return best;
    }
}

package org.advmusic.audio.synth;

import static org.advmusic.audio.synth.ChordQuality.DOMINANT_NINTH;
import static org.advmusic.audio.synth.ChordQuality.DOMINANT_SEVENTH;
import static org.advmusic.audio.synth.ChordQuality.HALF_DIMINISHED;
import static org.advmusic.audio.synth.ChordQuality.MAJOR;
import static org.advmusic.audio.synth.ChordQuality.MAJOR_SEVENTH;
import static org.advmusic.audio.synth.ChordQuality.MINOR;
import static org.advmusic.audio.synth.ChordQuality.MINOR_NINTH;
import static org.advmusic.audio.synth.ChordQuality.MINOR_SEVENTH;
import static org.advmusic.audio.synth.ChordQuality.POWER;

import java.util.List;

/** The harmonic language of a genre: its chord progressions and the scale its melodies use. */
public enum Harmony {
    /** The 12-bar blues in dominant sevenths (with and without the quick change to IV). */
    BLUES(Scale.BLUES, Scale.BLUES,
            progression(false, 4, c(0, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH),
                    c(5, DOMINANT_SEVENTH), c(5, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH),
                    c(7, DOMINANT_SEVENTH), c(5, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH), c(7, DOMINANT_SEVENTH)),
            progression(false, 4, c(0, DOMINANT_SEVENTH), c(5, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH),
                    c(5, DOMINANT_SEVENTH), c(5, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH), c(0, DOMINANT_SEVENTH),
                    c(7, DOMINANT_NINTH), c(5, DOMINANT_NINTH), c(0, DOMINANT_SEVENTH), c(7, DOMINANT_SEVENTH))),
    /** Seventh and ninth chords moving by ii-V-I, two beats each. */
    JAZZ(Scale.BEBOP_DOMINANT, Scale.DORIAN,
            progression(false, 2, c(2, MINOR_SEVENTH), c(7, DOMINANT_NINTH), c(0, MAJOR_SEVENTH), c(0, MAJOR_SEVENTH)),
            progression(false, 2, c(0, MAJOR_SEVENTH), c(9, MINOR_SEVENTH), c(2, MINOR_NINTH), c(7, DOMINANT_SEVENTH)),
            progression(false, 2, c(4, MINOR_SEVENTH), c(9, DOMINANT_SEVENTH), c(2, MINOR_SEVENTH), c(7, DOMINANT_NINTH)),
            progression(true, 2, c(2, HALF_DIMINISHED), c(7, DOMINANT_SEVENTH), c(0, MINOR_SEVENTH), c(0, MINOR_NINTH))),
    /** Four-chord loops in major. */
    POP(Scale.MAJOR_PENTATONIC, Scale.NATURAL_MINOR,
            progression(false, 4, c(0, MAJOR), c(7, MAJOR), c(9, MINOR), c(5, MAJOR)),
            progression(false, 4, c(9, MINOR), c(5, MAJOR), c(0, MAJOR), c(7, MAJOR)),
            progression(false, 4, c(0, MAJOR), c(9, MINOR), c(5, MAJOR), c(7, MAJOR))),
    /** Three-chord major progressions. */
    COUNTRY(Scale.MAJOR_PENTATONIC, Scale.MAJOR_PENTATONIC,
            progression(false, 4, c(0, MAJOR), c(0, MAJOR), c(5, MAJOR), c(0, MAJOR),
                    c(7, MAJOR), c(7, MAJOR), c(0, MAJOR), c(0, MAJOR)),
            progression(false, 4, c(0, MAJOR), c(5, MAJOR), c(0, MAJOR), c(7, MAJOR)),
            progression(false, 4, c(0, MAJOR), c(5, MAJOR), c(7, MAJOR), c(0, MAJOR))),
    /** Power chords and triads, with the flat seventh. */
    ROCK(Scale.MINOR_PENTATONIC, Scale.MINOR_PENTATONIC,
            progression(false, 4, c(0, POWER), c(10, POWER), c(5, POWER), c(0, POWER)),
            progression(false, 4, c(0, POWER), c(5, POWER), c(7, POWER), c(5, POWER)),
            progression(false, 4, c(9, MINOR), c(5, MAJOR), c(0, MAJOR), c(7, MAJOR)),
            progression(true, 4, c(0, POWER), c(8, POWER), c(10, POWER), c(0, POWER))),
    /** Minor-key power-chord riffs, aeolian and phrygian. */
    METAL(Scale.NATURAL_MINOR, Scale.HARMONIC_MINOR,
            progression(true, 4, c(0, POWER), c(8, POWER), c(10, POWER), c(0, POWER)),
            progression(true, 2, c(0, POWER), c(1, POWER), c(0, POWER), c(10, POWER)),
            progression(true, 4, c(0, POWER), c(0, POWER), c(8, POWER), c(7, POWER))),
    /** Minor-seventh vamps and major-seventh turnarounds. */
    DISCO(Scale.DORIAN, Scale.DORIAN,
            progression(true, 8, c(0, MINOR_SEVENTH), c(5, MINOR_SEVENTH)),
            progression(false, 4, c(2, MINOR_SEVENTH), c(7, DOMINANT_SEVENTH), c(0, MAJOR_SEVENTH), c(9, MINOR_SEVENTH)),
            progression(true, 4, c(0, MINOR_SEVENTH), c(10, DOMINANT_SEVENTH), c(8, MAJOR_SEVENTH), c(7, MINOR_SEVENTH))),
    /** Two- and four-chord minor loops. */
    HIPHOP(Scale.MINOR_PENTATONIC, Scale.NATURAL_MINOR,
            progression(true, 8, c(0, MINOR_SEVENTH), c(8, MAJOR_SEVENTH)),
            progression(true, 4, c(0, MINOR_NINTH), c(5, MINOR_SEVENTH)),
            progression(true, 4, c(0, MINOR), c(8, MAJOR), c(3, MAJOR), c(10, MAJOR))),
    /** Two-chord vamps and I-V-vi-IV, major or minor. */
    REGGAE(Scale.MAJOR_PENTATONIC, Scale.MINOR_PENTATONIC,
            progression(false, 4, c(0, MAJOR), c(5, MAJOR)),
            progression(false, 4, c(0, MAJOR), c(7, MAJOR), c(9, MINOR), c(5, MAJOR)),
            progression(true, 4, c(0, MINOR), c(10, MAJOR))),
    /** Cadences: I-IV-V-I, I-vi-ii-V, the minor cadence with a major V, Pachelbel's sequence. */
    CLASSICAL(Scale.MAJOR, Scale.HARMONIC_MINOR,
            progression(false, 4, c(0, MAJOR), c(5, MAJOR), c(7, DOMINANT_SEVENTH), c(0, MAJOR)),
            progression(false, 4, c(0, MAJOR), c(9, MINOR), c(2, MINOR), c(7, DOMINANT_SEVENTH)),
            progression(true, 4, c(0, MINOR), c(5, MINOR), c(7, DOMINANT_SEVENTH), c(0, MINOR)),
            progression(false, 2, c(0, MAJOR), c(7, MAJOR), c(9, MINOR), c(4, MINOR),
                    c(5, MAJOR), c(0, MAJOR), c(5, MAJOR), c(7, MAJOR)));

    /**
     * A chord sequence that loops.
     *
     * @param minor         whether the key is minor (the melody then uses the minor scale)
     * @param beatsPerChord how long each chord lasts
     * @param chords        the sequence
     */
    public record Progression(boolean minor, int beatsPerChord, List<Chord> chords) {
        /** The chord sounding at {@code beat} (counted from the start, looping). */
        public Chord chordAt(double beat) {
            int index = (int) Math.floor(beat / beatsPerChord);
            return chords.get(Math.floorMod(index, chords.size()));
        }
    }

    private final Scale majorScale;
    private final Scale minorScale;
    private final List<Progression> progressions;

    Harmony(Scale majorScale, Scale minorScale, Progression... progressions) {
        this.majorScale = majorScale;
        this.minorScale = minorScale;
        this.progressions = List.of(progressions);
    }

    /** The progressions a track may use. */
    public List<Progression> progressions() {
        return progressions;
    }

    /** The melody scale for a key of that mode. */
    public Scale melodyScale(boolean minor) {
        return minor ? minorScale : majorScale;
    }

    private static Chord c(int degree, ChordQuality quality) {
        return Chord.of(degree, quality);
    }

    private static Progression progression(boolean minor, int beatsPerChord, Chord... chords) {
        return new Progression(minor, beatsPerChord, List.of(chords));
    }
}

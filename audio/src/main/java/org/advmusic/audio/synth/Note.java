package org.advmusic.audio.synth;

/**
 * One note of a score.
 *
 * @param instrument what plays it
 * @param start      onset in seconds from the start of the track
 * @param duration   held for this many seconds (drums: ignored, they decay naturally)
 * @param pitch      MIDI note number (60 = middle C); ignored for drums
 * @param velocity   loudness in (0, 1]
 */
public record Note(Instrument instrument, double start, double duration, int pitch, double velocity) {

    /** The note's fundamental frequency in Hz (A4 = MIDI 69 = 440 Hz). */
    public double frequency() {
        return 440.0 * StrictMath.pow(2.0, (pitch - 69) / 12.0);
    }
}

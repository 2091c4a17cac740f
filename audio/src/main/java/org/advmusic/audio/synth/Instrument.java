package org.advmusic.audio.synth;

/**
 * The instruments of a score, each with its General MIDI number (a program, or a key of the drum
 * channel) for SoundFont rendering.
 */
public enum Instrument {
    KICK(36, true), SNARE(38, true), RIMSHOT(37, true), BRUSH(38, true), CLAP(39, true),
    CLOSED_HAT(42, true), PEDAL_HAT(44, true), OPEN_HAT(46, true), LOW_TOM(45, true), HIGH_TOM(50, true),
    CRASH(49, true), RIDE(51, true),
    PIANO(0, false), ELECTRIC_PIANO(4, false), ORGAN(16, false),
    STEEL_GUITAR(25, false), CLEAN_GUITAR(27, false), OVERDRIVE_GUITAR(29, false), DISTORTION_GUITAR(30, false),
    ACOUSTIC_BASS(32, false), ELECTRIC_BASS(33, false), SYNTH_BASS(38, false), SUB_BASS(39, false),
    STRINGS(48, false), SYNTH_PAD(89, false), BRASS(61, false), SAX(65, false), FLUTE(73, false),
    FIDDLE(110, false), SQUARE_LEAD(80, false), SAW_LEAD(81, false);

    private final int midiNumber;
    private final boolean drum;

    Instrument(int midiNumber, boolean drum) {
        this.midiNumber = midiNumber;
        this.drum = drum;
    }

    /** The General MIDI program (0-based) or, for drums, the key on MIDI channel 10. */
    public int midiNumber() {
        return midiNumber;
    }

    /** Whether this is a drum-kit piece (unpitched, MIDI channel 10). */
    public boolean drum() {
        return drum;
    }

    /** Whether the built-in synthesizer drives this instrument into distortion. */
    public boolean distorted() {
        return this == OVERDRIVE_GUITAR || this == DISTORTION_GUITAR;
    }
}

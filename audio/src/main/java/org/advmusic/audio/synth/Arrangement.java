package org.advmusic.audio.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The working state of one track's composition: the style, the draws made for this track (tempo,
 * key, progression, a start offset), the time grid with swing, and the growing list of notes.
 * Positions are given as (bar, step) with 16 sixteenth-note steps per 4/4 bar.
 */
final class Arrangement {
    static final int STEPS_PER_BAR = 16;

    final GenreStyle style;
    final SplittableRandom random;
    final double beatsPerMinute;
    final int key;
    final Harmony.Progression progression;
    final Scale melodyScale;
    final int bars;
    private final double seconds;
    private final double beatSeconds;
    private final double swing;
    private final double startOffset;
    private final List<Note> notes = new ArrayList<>();

    Arrangement(GenreStyle style, double seconds, SplittableRandom random) {
        this.style = style;
        this.random = random;
        this.seconds = seconds;
        this.beatsPerMinute = uniform(style.minTempo(), style.maxTempo());
        this.beatSeconds = 60.0 / beatsPerMinute;
        this.swing = Math.max(0.5, Math.min(0.72, style.swing() + (style.swing() > 0.5 ? uniform(-0.03, 0.03) : 0)));
        this.key = random.nextInt(12);
        this.progression = style.harmony().progressions().get(random.nextInt(style.harmony().progressions().size()));
        this.melodyScale = style.harmony().melodyScale(progression.minor());
        double barSeconds = 4 * beatSeconds;
        this.startOffset = random.nextInt(4) * barSeconds + uniform(0, barSeconds); // enter mid-song
        this.bars = (int) Math.ceil((seconds + startOffset) / barSeconds) + 1;
    }

    /** The notes written so far. */
    List<Note> notes() {
        return notes;
    }

    /** Track time in seconds of a grid position, with swing; may be negative (before the cut). */
    double time(int bar, double step) {
        double beat = step / 4.0;
        double warped;
        if (style.swingSixteenths()) {
            double half = Math.floor(beat * 2) / 2;
            warped = half + swingWithin((beat - half) * 2) / 2;
        } else {
            double whole = Math.floor(beat);
            warped = whole + swingWithin(beat - whole);
        }
        return (bar * 4 + warped) * beatSeconds - startOffset;
    }

    /** Maps a position within a beat (or half beat) so that its middle moves to the swing point. */
    private double swingWithin(double fraction) {
        return fraction <= 0.5 ? fraction * swing / 0.5 : swing + (fraction - 0.5) * (1 - swing) / 0.5;
    }

    /** Duration in seconds of {@code steps} sixteenths (unswung). */
    double stepsToSeconds(double steps) {
        return steps * beatSeconds / 4;
    }

    /** The chord sounding at a grid position. */
    Chord chordAt(int bar, double step) {
        return progression.chordAt(bar * 4 + step / 4.0);
    }

    /**
     * Adds a note with a little human timing (+-4 ms) and velocity (+-0.08) variation; notes outside
     * the track are dropped.
     */
    void play(Instrument instrument, int bar, double step, double lengthSteps, int pitch, double velocity) {
        double start = time(bar, step) + uniform(-0.004, 0.004);
        if (start < 0 || start >= seconds) {
            return;
        }
        double v = Math.max(0.05, Math.min(1.0, velocity + uniform(-0.08, 0.08)));
        notes.add(new Note(instrument, start, stepsToSeconds(lengthSteps), pitch, v));
    }

    /** A drum hit. */
    void hit(Instrument drum, int bar, double step, double velocity) {
        play(drum, bar, step, 1, 0, velocity);
    }

    /** A chord: every pitch at once (or strummed, each string {@code strumSeconds} later). */
    void chord(Instrument instrument, int bar, double step, double lengthSteps, int[] pitches, double velocity,
               double strumSeconds) {
        for (int i = 0; i < pitches.length; i++) {
            play(instrument, bar, step + i * strumSeconds / stepsToSeconds(1), lengthSteps, pitches[i], velocity);
        }
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}

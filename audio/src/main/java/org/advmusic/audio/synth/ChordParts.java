package org.advmusic.audio.synth;

/** Writes the chord accompaniment and the optional sustained pad. */
final class ChordParts {
    private static final int GUITAR_LOW = 40; // E2
    private static final int KEYS_LOW = 52;   // E3

    private ChordParts() {
    }

    static void write(Arrangement a, Instrument instrument) {
        int[] jazzRhythm = {0, 6}; // the Charleston, drawn afresh per bar below
        for (int bar = 0; bar < a.bars; bar++) {
            switch (a.style.comp()) {
                case SHUFFLE_STABS -> {
                    a.chord(instrument, bar, 0, 1.5, voicing(a, bar, 0, KEYS_LOW), 0.6, 0);
                    a.chord(instrument, bar, 6, 1.5, voicing(a, bar, 6, KEYS_LOW), 0.5, 0);
                    a.chord(instrument, bar, 12, 3, voicing(a, bar, 12, KEYS_LOW), 0.55, 0);
                }
                case JAZZ_COMP -> {
                    jazzRhythm[1] = a.pick(java.util.List.of(6, 7, 10, 14));
                    for (int step : jazzRhythm) {
                        a.chord(instrument, bar, step + (a.chance(0.3) ? 2 : 0), 2.5, rootless(a, bar, step), 0.45, 0);
                    }
                }
                case STRUM -> {
                    for (int beat = 0; beat < 4; beat++) {
                        boolean down = beat % 2 == 1;
                        a.chord(instrument, bar, beat * 4 + (down ? 0 : 2), down ? 3 : 1.5,
                                voicing(a, bar, beat * 4, GUITAR_LOW + 5), down ? 0.6 : 0.4, 0.012);
                    }
                }
                case OFFBEAT_SKANK -> {
                    for (int beat = 0; beat < 4; beat++) {
                        a.chord(instrument, bar, beat * 4 + 2, 0.8, voicing(a, bar, beat * 4 + 2, KEYS_LOW + 5), 0.6, 0.004);
                    }
                }
                case POWER_CHUGS -> {
                    for (int step = 0; step < 16; step += a.chance(0.5) ? 1 : 2) {
                        boolean accent = step % 8 == 0;
                        a.chord(instrument, bar, step, accent ? 3 : 0.7, power(a, bar, step), accent ? 0.9 : 0.6, 0);
                    }
                }
                case ROCK_EIGHTHS -> {
                    for (int step = 0; step < 16; step += 2) {
                        a.chord(instrument, bar, step, 1.8, power(a, bar, step), step % 4 == 0 ? 0.8 : 0.6, 0.003);
                    }
                }
                case ARPEGGIO -> arpeggio(a, instrument, bar);
                case FUNK_SIXTEENTHS -> {
                    for (int step = 0; step < 16; step++) {
                        if (step % 4 == 2 || a.chance(0.35)) {
                            double velocity = step % 4 == 2 ? 0.6 : 0.35;
                            a.chord(instrument, bar, step, 0.5, voicing(a, bar, step, KEYS_LOW + 5), velocity, 0);
                        }
                    }
                }
                case SPARSE_KEYS -> {
                    a.chord(instrument, bar, 0, 10, voicing(a, bar, 0, KEYS_LOW - 4), 0.5, 0.01);
                    if (a.chance(0.4)) {
                        a.chord(instrument, bar, 11, 4, voicing(a, bar, 11, KEYS_LOW - 4), 0.4, 0.01);
                    }
                }
            }
        }
    }

    /** Whole chords held for each chord's length, slow attack (strings, pads, organ). */
    static void pad(Arrangement a, Instrument pad) {
        double stepsPerChord = a.progression.beatsPerChord() * 4.0;
        for (int bar = 0; bar < a.bars; bar++) {
            for (double step = 0; step < 16; step += Math.min(16, stepsPerChord)) {
                a.chord(pad, bar, step, Math.min(16, stepsPerChord), voicing(a, bar, step, KEYS_LOW + 3), 0.4, 0);
            }
        }
    }

    private static int[] voicing(Arrangement a, int bar, double step, int lowest) {
        Chord chord = a.chordAt(bar, step);
        return chord.voicing(chord.rootAtOrAbove(a.key, lowest));
    }

    private static int[] power(Arrangement a, int bar, double step) {
        Chord chord = a.chordAt(bar, step);
        int root = chord.rootAtOrAbove(a.key, GUITAR_LOW);
        return new int[] {root, root + 7, root + 12};
    }

    /** Third, seventh and the next chord tone up: a pianist's rootless voicing. */
    private static int[] rootless(Arrangement a, int bar, double step) {
        int[] full = voicing(a, bar, step, KEYS_LOW);
        return full.length >= 4 ? new int[] {full[1], full[3], full[2] + 12} : new int[] {full[1], full[2], full[0] + 12};
    }

    /** Broken chords in eighths (low, high, middle, high: an Alberti figure) or sixteenths. */
    private static void arpeggio(Arrangement a, Instrument instrument, int bar) {
        boolean sixteenths = a.style.harmony() == Harmony.CLASSICAL && bar % 2 == 1;
        int step = 0;
        int[] order = {0, 2, 1, 2};
        for (int i = 0; step < 16; i++, step += sixteenths ? 1 : 2) {
            int[] chord = voicing(a, bar, step, KEYS_LOW - 4);
            a.play(instrument, bar, step, sixteenths ? 1.5 : 3, chord[order[i % 4] % chord.length], i % 4 == 0 ? 0.6 : 0.45);
        }
    }
}

package org.advmusic.audio.synth;

/** Writes the bass line: roots, fifths and walking lines in the register E1 to E3. */
final class BassParts {
    private static final int LOWEST = 28; // E1

    private BassParts() {
    }

    static void write(Arrangement a, Instrument bass) {
        int[] syncopated = {2, 6, 7, 10, 14}; // one rhythm per reggae track, drawn below
        if (a.style.bass() == GenreStyle.BassStyle.SYNCOPATED_MELODIC) {
            for (int i = 0; i < syncopated.length; i++) {
                syncopated[i] = Math.min(15, syncopated[i] + (a.chance(0.3) ? 1 : 0));
            }
        }
        for (int bar = 0; bar < a.bars; bar++) {
            switch (a.style.bass()) {
                case WALKING -> walking(a, bass, bar);
                case BOOGIE -> boogie(a, bass, bar);
                case ROOT_FIFTH -> {
                    for (int beat = 0; beat < 4; beat++) {
                        int root = root(a, bar, beat * 4);
                        int fifth = root + 7 > LOWEST + 14 ? root - 5 : root + 7; // the fifth below when high
                        a.play(bass, bar, beat * 4, 3, beat % 2 == 0 ? root : fifth, 0.8);
                    }
                }
                case OCTAVES -> {
                    for (int step = 0; step < 16; step += 2) {
                        a.play(bass, bar, step, 1.5, root(a, bar, step) + (step % 4 == 2 ? 12 : 0), 0.85);
                    }
                }
                case ROOT_EIGHTHS -> {
                    for (int step = 0; step < 16; step += 2) {
                        if (step == 0 || a.chance(0.85)) {
                            a.play(bass, bar, step, 1.8, root(a, bar, step), step % 4 == 0 ? 0.85 : 0.7);
                        }
                    }
                }
                case ROOT_SIXTEENTHS -> {
                    for (int step = 0; step < 16; step++) {
                        a.play(bass, bar, step, 0.9, root(a, bar, step), 0.75);
                    }
                }
                case SYNCOPATED_MELODIC -> {
                    for (int i = 0; i < syncopated.length; i++) {
                        int step = syncopated[i];
                        int[] tones = a.chordAt(bar, step).voicing(root(a, bar, step));
                        a.play(bass, bar, step, i == syncopated.length - 1 ? 2 : 1.5, tones[i % tones.length], 0.85);
                    }
                }
                case SUB_808 -> {
                    a.play(bass, bar, 0, 6, root(a, bar, 0), 1.0);
                    a.play(bass, bar, 10, 5, root(a, bar, 10) + (a.chance(0.3) ? 12 : 0), 0.9);
                }
                case SUSTAINED_ROOTS -> {
                    a.play(bass, bar, 0, 7.5, root(a, bar, 0) + 12, 0.6);
                    a.play(bass, bar, 8, 7.5, root(a, bar, 8) + (a.chance(0.5) ? 19 : 12), 0.55);
                }
            }
        }
    }

    private static int root(Arrangement a, int bar, double step) {
        return a.chordAt(bar, step).rootAtOrAbove(a.key, LOWEST);
    }

    /** Quarter notes: root on 1, chord or scale tones on 2 and 3, a chromatic approach to the next root on 4. */
    private static void walking(Arrangement a, Instrument bass, int bar) {
        for (int beat = 0; beat < 4; beat++) {
            int step = beat * 4;
            Chord chord = a.chordAt(bar, step);
            int root = root(a, bar, step);
            int pitch;
            if (beat == 0 || beat == 2 && !a.chordAt(bar, step - 4).equals(chord)) {
                pitch = root;
            } else if (beat == 3) {
                int next = bar + 1 < a.bars ? root(a, bar + 1, 0) : root;
                pitch = next + (a.chance(0.5) ? 1 : -1);
            } else {
                int[] tones = chord.voicing(root);
                pitch = tones[1 + a.random.nextInt(tones.length - 1)];
            }
            a.play(bass, bar, step, 3.6, pitch, 0.75);
        }
    }

    /** Swung eighths climbing root, third, fifth, sixth, flat seventh and back. */
    private static void boogie(Arrangement a, Instrument bass, int bar) {
        int[] shape = {0, 4, 7, 9, 10, 9, 7, 4};
        for (int i = 0; i < 8; i++) {
            a.play(bass, bar, i * 2, 1.8, root(a, bar, i * 2) + shape[i], i % 2 == 0 ? 0.85 : 0.65);
        }
    }
}

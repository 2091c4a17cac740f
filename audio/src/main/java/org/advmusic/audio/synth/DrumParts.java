package org.advmusic.audio.synth;

import static org.advmusic.audio.synth.Instrument.CLOSED_HAT;
import static org.advmusic.audio.synth.Instrument.CRASH;
import static org.advmusic.audio.synth.Instrument.HIGH_TOM;
import static org.advmusic.audio.synth.Instrument.KICK;
import static org.advmusic.audio.synth.Instrument.LOW_TOM;
import static org.advmusic.audio.synth.Instrument.OPEN_HAT;
import static org.advmusic.audio.synth.Instrument.PEDAL_HAT;
import static org.advmusic.audio.synth.Instrument.RIDE;

/** Writes the drum part of an arrangement, bar by bar, in the style's pattern, with fills every 4 bars. */
final class DrumParts {
    private DrumParts() {
    }

    static void write(Arrangement a) {
        GenreStyle s = a.style;
        boolean variant = a.chance(0.5); // each pattern has two flavours, drawn once per track
        for (int bar = 0; bar < a.bars; bar++) {
            boolean fill = bar % 4 == 3 && a.chance(0.3 + 0.5 * s.density());
            switch (s.drums()) {
                case FOUR_ON_THE_FLOOR -> fourOnTheFloor(a, bar, variant);
                case BACKBEAT -> backbeat(a, bar, variant);
                case SHUFFLE -> shuffle(a, bar);
                case ONE_DROP -> oneDrop(a, bar, variant);
                case BOOM_BAP -> boomBap(a, bar, variant);
                case BLAST_BEAT -> blastBeat(a, bar, variant);
                case SWING_RIDE -> swingRide(a, bar);
                case NONE -> {
                    continue;
                }
            }
            if (fill) {
                fill(a, bar);
            }
            if (bar % 8 == 0 && s.drums() != GenreStyle.DrumPattern.SWING_RIDE) {
                a.hit(CRASH, bar, 0, 0.7);
            }
        }
    }

    private static void fourOnTheFloor(Arrangement a, int bar, boolean sixteenthHats) {
        for (int beat = 0; beat < 4; beat++) {
            a.hit(KICK, bar, beat * 4, 0.95);
            a.hit(OPEN_HAT, bar, beat * 4 + 2, 0.6);
        }
        a.hit(a.style.snare(), bar, 4, 0.8);
        a.hit(a.style.snare(), bar, 12, 0.8);
        for (int step = 0; step < 16; step += sixteenthHats ? 1 : 2) {
            if (step % 4 != 2) {
                a.hit(CLOSED_HAT, bar, step, step % 2 == 0 ? 0.45 : 0.3);
            }
        }
    }

    private static void backbeat(Arrangement a, int bar, boolean busyKick) {
        a.hit(KICK, bar, 0, 0.95);
        a.hit(KICK, bar, 8, 0.85);
        if (busyKick && a.chance(0.6)) {
            a.hit(KICK, bar, a.chance(0.5) ? 6 : 10, 0.7);
        }
        a.hit(a.style.snare(), bar, 4, 0.85);
        a.hit(a.style.snare(), bar, 12, 0.85);
        for (int step = 0; step < 16; step += 2) {
            a.hit(CLOSED_HAT, bar, step, step % 4 == 0 ? 0.55 : 0.4);
        }
        if (a.chance(0.3 * a.style.density())) {
            a.hit(a.style.snare(), bar, 15, 0.3); // ghost note
        }
    }

    private static void shuffle(Arrangement a, int bar) {
        for (int beat = 0; beat < 4; beat++) {
            a.hit(CLOSED_HAT, bar, beat * 4, 0.5);
            a.hit(CLOSED_HAT, bar, beat * 4 + 2, 0.35); // swung by the grid into the last triplet
        }
        a.hit(KICK, bar, 0, 0.9);
        a.hit(KICK, bar, 8, 0.8);
        if (a.chance(0.4)) {
            a.hit(KICK, bar, 10, 0.55);
        }
        a.hit(a.style.snare(), bar, 4, 0.8);
        a.hit(a.style.snare(), bar, 12, 0.8);
    }

    private static void oneDrop(Arrangement a, int bar, boolean steppers) {
        if (steppers) {
            for (int beat = 0; beat < 4; beat++) {
                a.hit(KICK, bar, beat * 4, 0.8);
            }
        } else {
            a.hit(KICK, bar, 8, 0.9);
        }
        a.hit(a.style.snare(), bar, 8, 0.8);
        for (int step = 0; step < 16; step += 2) {
            a.hit(step % 4 == 2 ? OPEN_HAT : CLOSED_HAT, bar, step, step % 4 == 2 ? 0.35 : 0.3);
        }
    }

    private static void boomBap(Arrangement a, int bar, boolean doubleKick) {
        a.hit(KICK, bar, 0, 1.0);
        a.hit(KICK, bar, doubleKick ? 7 : 10, 0.85);
        if (doubleKick || a.chance(0.5)) {
            a.hit(KICK, bar, 11, 0.7);
        }
        a.hit(a.style.snare(), bar, 4, 0.95);
        a.hit(a.style.snare(), bar, 12, 0.95);
        for (int step = 0; step < 16; step += 2) {
            a.hit(CLOSED_HAT, bar, step, 0.4);
            if (a.chance(0.25 * a.style.density())) {
                a.hit(CLOSED_HAT, bar, step + 1, 0.25);
            }
        }
    }

    private static void blastBeat(Arrangement a, int bar, boolean blast) {
        if (blast && bar % 2 == 0) {
            for (int step = 0; step < 16; step++) {
                a.hit(step % 2 == 0 ? KICK : a.style.snare(), bar, step, 0.85);
                if (step % 2 == 0) {
                    a.hit(RIDE, bar, step, 0.5);
                }
            }
            return;
        }
        for (int step = 0; step < 16; step++) { // double-kick sixteenths under a half-time back-beat
            a.hit(KICK, bar, step, step % 4 == 0 ? 0.9 : 0.7);
        }
        a.hit(a.style.snare(), bar, 4, 0.95);
        a.hit(a.style.snare(), bar, 12, 0.95);
        for (int step = 0; step < 16; step += 4) {
            a.hit(step == 0 ? CRASH : CLOSED_HAT, bar, step, 0.6);
        }
    }

    private static void swingRide(Arrangement a, int bar) {
        int[] ride = {0, 4, 6, 8, 12, 14}; // "ding, ding-a, ding, ding-a": 6 and 14 land on the swung off-beat
        for (int step : ride) {
            a.hit(RIDE, bar, step, step % 4 == 0 ? 0.55 : 0.4);
        }
        a.hit(PEDAL_HAT, bar, 4, 0.4);
        a.hit(PEDAL_HAT, bar, 12, 0.4);
        for (int beat = 0; beat < 4; beat++) {
            a.hit(KICK, bar, beat * 4, 0.15); // feathered
        }
        for (int step = 2; step < 16; step += 4) {
            if (a.chance(0.35 * a.style.density() + 0.1)) {
                a.hit(a.style.snare(), bar, step, 0.3); // comping
            }
        }
    }

    private static void fill(Arrangement a, int bar) {
        Instrument[] toms = {a.style.snare(), HIGH_TOM, LOW_TOM};
        int start = a.chance(0.5) ? 12 : 8;
        for (int step = start; step < 16; step++) {
            a.hit(toms[(step - start) * toms.length / (16 - start)], bar, step, 0.5 + 0.03 * (step - start));
        }
    }
}

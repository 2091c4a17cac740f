package org.advmusic.audio.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the lead melody: a random walk on the genre's scale that leans to chord tones on strong
 * beats, with a rhythm, register and phrasing per lead style (call-and-response licks, continuous
 * bebop eighths, a repeated pop hook, tremolo picking...).
 */
final class LeadParts {
    private LeadParts() {
    }

    /**
     * How a lead style phrases.
     *
     * @param lengths     note lengths in sixteenths, drawn uniformly
     * @param low         lowest MIDI pitch
     * @param high        highest MIDI pitch
     * @param barsOn      bars played ...
     * @param barsOff     ... then bars rested
     * @param repeatMotif replay the first phrase every time (a hook)
     * @param repeatNote  strokes per note (4: tremolo picking)
     */
    private record Phrasing(double[] lengths, int low, int high, int barsOn, int barsOff, boolean repeatMotif,
                            int repeatNote) {
    }

    static void write(Arrangement a, Instrument lead) {
        Phrasing p = switch (a.style.lead()) {
            case BLUES_LICKS -> new Phrasing(new double[] {2, 2, 2, 4, 6}, 60, 79, 2, 2, false, 1);
            case BEBOP -> new Phrasing(new double[] {2, 2, 2, 2, 4}, 58, 84, 4, 1, false, 1);
            case FIDDLE -> new Phrasing(new double[] {1, 2, 2, 2, 4}, 67, 88, 4, 2, false, 1);
            case POP_HOOK -> new Phrasing(new double[] {2, 4, 4, 2, 8}, 64, 81, 2, 2, true, 1);
            case ROCK_SOLO -> new Phrasing(new double[] {1, 1, 2, 2, 4}, 60, 84, 2, 2, false, 1);
            case TREMOLO -> new Phrasing(new double[] {4}, 52, 76, 4, 4, false, 4);
            case CLASSICAL_MELODY -> new Phrasing(new double[] {4, 4, 2, 8, 2}, 65, 88, 4, 0, false, 1);
            case SPARSE_HOOK -> new Phrasing(new double[] {2, 4, 6, 8}, 60, 79, 1, 3, true, 1);
        };
        int tonic = a.key + 60;
        int degree = a.melodyScale.nearestIndex(tonic, (p.low() + p.high()) / 2);
        List<double[]> motif = new ArrayList<>(); // (step offset, length, degree) of the first phrase
        int cycle = p.barsOn() + p.barsOff();
        for (int bar = 0; bar < a.bars; bar += cycle) {
            if (p.repeatMotif() && !motif.isEmpty()) {
                for (double[] n : motif) {
                    int b = bar + (int) (n[0] / 16);
                    double step = n[0] % 16;
                    a.play(lead, b, step, n[1] * 0.9, a.melodyScale.pitch(tonic, (int) n[2]), 0.7);
                }
                continue;
            }
            for (double offset = 0; offset < p.barsOn() * 16.0; ) {
                double length = p.lengths()[a.random.nextInt(p.lengths().length)];
                int b = bar + (int) (offset / 16);
                double step = offset % 16;
                if (a.chance(0.12)) { // a breath
                    offset += length;
                    continue;
                }
                degree = nextDegree(a, degree, tonic, p, b, step);
                int pitch = a.melodyScale.pitch(tonic, degree);
                double noteLength = length / p.repeatNote();
                for (int r = 0; r < p.repeatNote(); r++) {
                    a.play(lead, b, step + r * noteLength, noteLength * 0.9, pitch, r == 0 ? 0.75 : 0.6);
                }
                if (p.repeatMotif()) {
                    motif.add(new double[] {offset, length, degree});
                }
                offset += length;
            }
        }
    }

    /** A step of the walk: mostly by one degree, sometimes a leap; strong beats pulled to chord tones; in range. */
    private static int nextDegree(Arrangement a, int degree, int tonic, Phrasing p, int bar, double step) {
        double r = a.random.nextDouble();
        int move = r < 0.6 ? 1 : r < 0.85 ? 2 : 3 + a.random.nextInt(2);
        int next = degree + (a.chance(0.5) ? move : -move);
        if (step % 4 == 0) {
            Chord chord = a.chordAt(bar, step);
            for (int d = 0; d <= 2 && !chord.contains(a.key, a.melodyScale.pitch(tonic, next)); d++) {
                next += d % 2 == 0 ? d + 1 : -(d + 1); // try next+1, next-1, next+2 ...
            }
        }
        while (a.melodyScale.pitch(tonic, next) > p.high()) {
            next -= 2;
        }
        while (a.melodyScale.pitch(tonic, next) < p.low()) {
            next += 2;
        }
        return next;
    }
}

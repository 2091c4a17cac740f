package org.advmusic.audio.synth;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Composes one track of a genre: draws tempo, key, progression and instruments, writes drums, bass,
 * chords, the optional pad and lead, and draws the mix (levels within +-6 dB, drive, brightness,
 * reverb and hiss within ranges around the style's). Deterministic for a given random state.
 */
public final class Composer {
    private Composer() {
    }

    /** A score of {@code seconds} in {@code style}, every choice drawn from {@code random}. */
    public static Score compose(GenreStyle style, double seconds, SplittableRandom random) {
        Arrangement a = new Arrangement(style, seconds, random);
        Instrument bass = a.pick(style.basses());
        Instrument comp = a.pick(style.comps());
        boolean withPad = style.pad() != null && a.chance(style.padChance());
        boolean withLead = a.chance(style.leadChance());
        Instrument lead = a.pick(style.leads());

        DrumParts.write(a);
        BassParts.write(a, bass);
        ChordParts.write(a, comp);
        if (withPad) {
            ChordParts.pad(a, style.pad());
        }
        if (withLead) {
            LeadParts.write(a, lead);
        }

        Map<Instrument, Double> gains = new EnumMap<>(Instrument.class);
        for (Note n : a.notes()) {
            gains.computeIfAbsent(n.instrument(), i -> decibels(a.uniform(-6, 6)));
        }
        TrackMix mix = new TrackMix(gains,
                style.drive() * a.uniform(0.6, 1.5),
                style.brightness() * a.uniform(0.75, 1.3),
                style.reverb() * a.uniform(0.5, 1.5),
                a.uniform(-65, -35),
                style.harmony() == Harmony.HIPHOP && a.chance(0.6),
                a.uniform(0.35, 0.9));
        return new Score(style.name(), seconds, a.beatsPerMinute, a.notes(), mix);
    }

    private static double decibels(double db) {
        return StrictMath.pow(10.0, db / 20.0);
    }
}

package org.advmusic.audio.synth;

import static org.advmusic.audio.synth.Instrument.ACOUSTIC_BASS;
import static org.advmusic.audio.synth.Instrument.BRASS;
import static org.advmusic.audio.synth.Instrument.BRUSH;
import static org.advmusic.audio.synth.Instrument.CLAP;
import static org.advmusic.audio.synth.Instrument.CLEAN_GUITAR;
import static org.advmusic.audio.synth.Instrument.DISTORTION_GUITAR;
import static org.advmusic.audio.synth.Instrument.ELECTRIC_BASS;
import static org.advmusic.audio.synth.Instrument.ELECTRIC_PIANO;
import static org.advmusic.audio.synth.Instrument.FIDDLE;
import static org.advmusic.audio.synth.Instrument.FLUTE;
import static org.advmusic.audio.synth.Instrument.ORGAN;
import static org.advmusic.audio.synth.Instrument.OVERDRIVE_GUITAR;
import static org.advmusic.audio.synth.Instrument.PIANO;
import static org.advmusic.audio.synth.Instrument.RIMSHOT;
import static org.advmusic.audio.synth.Instrument.SAW_LEAD;
import static org.advmusic.audio.synth.Instrument.SAX;
import static org.advmusic.audio.synth.Instrument.SNARE;
import static org.advmusic.audio.synth.Instrument.SQUARE_LEAD;
import static org.advmusic.audio.synth.Instrument.STEEL_GUITAR;
import static org.advmusic.audio.synth.Instrument.STRINGS;
import static org.advmusic.audio.synth.Instrument.SUB_BASS;
import static org.advmusic.audio.synth.Instrument.SYNTH_BASS;
import static org.advmusic.audio.synth.Instrument.SYNTH_PAD;

import java.util.List;
import org.advmusic.audio.synth.GenreStyle.BassStyle;
import org.advmusic.audio.synth.GenreStyle.CompStyle;
import org.advmusic.audio.synth.GenreStyle.DrumPattern;
import org.advmusic.audio.synth.GenreStyle.LeadStyle;

/** The ten genres of the synthetic set, named like GTZAN's, as a table of styles. */
public final class GenreStyles {
    // sound(distortion drive, brightness, reverb level, density)
    private static final List<GenreStyle> ALL = List.of(
            style("blues").tempo(70, 110).swing(0.66)
                    .harmony(Harmony.BLUES).drums(DrumPattern.SHUFFLE, SNARE)
                    .bass(BassStyle.BOOGIE, ELECTRIC_BASS, ACOUSTIC_BASS)
                    .comp(CompStyle.SHUFFLE_STABS, CLEAN_GUITAR, PIANO, ORGAN)
                    .pad(ORGAN, 0.3)
                    .lead(LeadStyle.BLUES_LICKS, 0.85, OVERDRIVE_GUITAR, SAX)
                    .sound(3, 0.8, 0.15, 0.4).build(),
            style("classical").tempo(60, 100).swing(0.5)
                    .harmony(Harmony.CLASSICAL).drums(DrumPattern.NONE, SNARE)
                    .bass(BassStyle.SUSTAINED_ROOTS, STRINGS)
                    .comp(CompStyle.ARPEGGIO, PIANO, STRINGS)
                    .pad(STRINGS, 0.6)
                    .lead(LeadStyle.CLASSICAL_MELODY, 0.9, FLUTE, STRINGS, PIANO)
                    .sound(1, 0.7, 0.45, 0.2).build(),
            style("country").tempo(90, 135).swing(0.5)
                    .harmony(Harmony.COUNTRY).drums(DrumPattern.BACKBEAT, RIMSHOT)
                    .bass(BassStyle.ROOT_FIFTH, ACOUSTIC_BASS, ELECTRIC_BASS)
                    .comp(CompStyle.STRUM, STEEL_GUITAR)
                    .pad(PIANO, 0.3)
                    .lead(LeadStyle.FIDDLE, 0.8, FIDDLE, STEEL_GUITAR)
                    .sound(1, 1.1, 0.15, 0.4).build(),
            style("disco").tempo(110, 130).swing(0.5)
                    .harmony(Harmony.DISCO).drums(DrumPattern.FOUR_ON_THE_FLOOR, CLAP)
                    .bass(BassStyle.OCTAVES, ELECTRIC_BASS, SYNTH_BASS)
                    .comp(CompStyle.FUNK_SIXTEENTHS, CLEAN_GUITAR, ELECTRIC_PIANO)
                    .pad(STRINGS, 0.7)
                    .lead(LeadStyle.POP_HOOK, 0.5, STRINGS, BRASS)
                    .sound(1, 1.2, 0.2, 0.7).build(),
            style("hiphop").tempo(80, 100).swing(0.6).swingSixteenths()
                    .harmony(Harmony.HIPHOP).drums(DrumPattern.BOOM_BAP, SNARE)
                    .bass(BassStyle.SUB_808, SUB_BASS)
                    .comp(CompStyle.SPARSE_KEYS, ELECTRIC_PIANO, PIANO)
                    .pad(SYNTH_PAD, 0.3)
                    .lead(LeadStyle.SPARSE_HOOK, 0.4, SQUARE_LEAD, FLUTE)
                    .sound(1, 0.6, 0.1, 0.6).build(),
            style("jazz").tempo(110, 200).swing(0.64)
                    .harmony(Harmony.JAZZ).drums(DrumPattern.SWING_RIDE, BRUSH)
                    .bass(BassStyle.WALKING, ACOUSTIC_BASS)
                    .comp(CompStyle.JAZZ_COMP, PIANO, ELECTRIC_PIANO)
                    .pad(ORGAN, 0.1)
                    .lead(LeadStyle.BEBOP, 0.85, SAX, BRASS)
                    .sound(1, 0.75, 0.35, 0.5).build(),
            style("metal").tempo(140, 210).swing(0.5)
                    .harmony(Harmony.METAL).drums(DrumPattern.BLAST_BEAT, SNARE)
                    .bass(BassStyle.ROOT_SIXTEENTHS, ELECTRIC_BASS)
                    .comp(CompStyle.POWER_CHUGS, DISTORTION_GUITAR)
                    .pad(null, 0)
                    .lead(LeadStyle.TREMOLO, 0.6, DISTORTION_GUITAR)
                    .sound(25, 1.3, 0.1, 0.9).build(),
            style("pop").tempo(95, 125).swing(0.5)
                    .harmony(Harmony.POP).drums(DrumPattern.BACKBEAT, CLAP)
                    .bass(BassStyle.ROOT_EIGHTHS, SYNTH_BASS, ELECTRIC_BASS)
                    .comp(CompStyle.ARPEGGIO, PIANO, ELECTRIC_PIANO)
                    .pad(SYNTH_PAD, 0.8)
                    .lead(LeadStyle.POP_HOOK, 0.9, SQUARE_LEAD, SAW_LEAD, FLUTE)
                    .sound(1, 1.2, 0.25, 0.5).build(),
            style("reggae").tempo(65, 90).swing(0.55)
                    .harmony(Harmony.REGGAE).drums(DrumPattern.ONE_DROP, RIMSHOT)
                    .bass(BassStyle.SYNCOPATED_MELODIC, ELECTRIC_BASS)
                    .comp(CompStyle.OFFBEAT_SKANK, CLEAN_GUITAR, ORGAN)
                    .pad(ORGAN, 0.4)
                    .lead(LeadStyle.SPARSE_HOOK, 0.5, FLUTE, ORGAN)
                    .sound(1, 0.85, 0.25, 0.4).build(),
            style("rock").tempo(100, 150).swing(0.5)
                    .harmony(Harmony.ROCK).drums(DrumPattern.BACKBEAT, SNARE)
                    .bass(BassStyle.ROOT_EIGHTHS, ELECTRIC_BASS)
                    .comp(CompStyle.ROCK_EIGHTHS, OVERDRIVE_GUITAR)
                    .pad(PIANO, 0.2)
                    .lead(LeadStyle.ROCK_SOLO, 0.6, OVERDRIVE_GUITAR, DISTORTION_GUITAR)
                    .sound(8, 1.1, 0.2, 0.7).build());

    private GenreStyles() {
    }

    /** All ten styles, in GTZAN's (alphabetical) order. */
    public static List<GenreStyle> all() {
        return ALL;
    }

    /** The genre names, in order. */
    public static List<String> names() {
        return ALL.stream().map(GenreStyle::name).toList();
    }

    /** The style called {@code name}. */
    public static GenreStyle named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown genre '" + name + "'; expected one of " + names()));
    }

    private static Builder style(String name) {
        return new Builder(name);
    }

    /** Fills a {@link GenreStyle} by named steps, so the table above reads like one. */
    private static final class Builder {
        private final String name;
        private double minTempo;
        private double maxTempo;
        private double swing;
        private boolean swingSixteenths;
        private Harmony harmony;
        private DrumPattern drums;
        private Instrument snare;
        private BassStyle bass;
        private List<Instrument> basses;
        private CompStyle comp;
        private List<Instrument> comps;
        private Instrument pad;
        private double padChance;
        private LeadStyle lead;
        private List<Instrument> leads;
        private double leadChance;
        private double drive;
        private double brightness;
        private double reverb;
        private double density;

        Builder(String name) {
            this.name = name;
        }

        Builder tempo(double min, double max) {
            minTempo = min;
            maxTempo = max;
            return this;
        }

        Builder swing(double offBeatPosition) {
            swing = offBeatPosition;
            return this;
        }

        Builder swingSixteenths() {
            swingSixteenths = true;
            return this;
        }

        Builder harmony(Harmony h) {
            harmony = h;
            return this;
        }

        Builder drums(DrumPattern pattern, Instrument backBeat) {
            drums = pattern;
            snare = backBeat;
            return this;
        }

        Builder bass(BassStyle style, Instrument... instruments) {
            bass = style;
            basses = List.of(instruments);
            return this;
        }

        Builder comp(CompStyle style, Instrument... instruments) {
            comp = style;
            comps = List.of(instruments);
            return this;
        }

        Builder pad(Instrument instrument, double chance) {
            pad = instrument;
            padChance = chance;
            return this;
        }

        Builder lead(LeadStyle style, double chance, Instrument... instruments) {
            lead = style;
            leadChance = chance;
            leads = List.of(instruments);
            return this;
        }

        /** Distortion drive, brightness, reverb level, density. */
        Builder sound(double driveAmount, double brightnessFactor, double reverbLevel, double densityLevel) {
            drive = driveAmount;
            brightness = brightnessFactor;
            reverb = reverbLevel;
            density = densityLevel;
            return this;
        }

        GenreStyle build() {
            return new GenreStyle(name, minTempo, maxTempo, swing, swingSixteenths, harmony, drums, snare, bass, basses,
                    comp, comps, pad, padChance, lead, leads, leadChance, drive, brightness, reverb, density);
        }
    }
}

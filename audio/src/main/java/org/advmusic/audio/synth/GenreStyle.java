package org.advmusic.audio.synth;

import java.util.List;

/**
 * What makes a genre: tempo range and swing, harmony, the drum pattern, how the bass, the chords and
 * the lead play and on which instruments, and the sound (distortion drive, brightness, room, density).
 * Each track draws its own tempo, key, progression, instruments, levels and noise from these.
 *
 * @param name        genre name (also the folder name)
 * @param minTempo    slowest tempo, beats per minute
 * @param maxTempo    fastest tempo
 * @param swing       where the off-beat eighth falls within the beat (0.5 straight, 0.67 triplet shuffle)
 * @param swingSixteenths swing the off-beat sixteenths instead of the eighths (hip-hop)
 * @param harmony     progressions and melody scales
 * @param drums       the drum pattern
 * @param snare       the back-beat instrument (snare, rimshot, brush or clap)
 * @param bass        how the bass plays
 * @param basses      bass instruments to choose from
 * @param comp        how the chords are played
 * @param comps       chord instruments to choose from
 * @param pad         a sustained pad instrument or null
 * @param padChance   probability that a track has the pad
 * @param lead        how the lead plays
 * @param leads       lead instruments to choose from
 * @param leadChance  probability that a track has a lead
 * @param drive       distortion drive of distorted guitars
 * @param brightness  filter cut-off multiplier
 * @param reverb      room reverb level
 * @param density     0..1: extra drum hits, ghost notes and fills
 */
public record GenreStyle(String name, double minTempo, double maxTempo, double swing, boolean swingSixteenths,
                         Harmony harmony, DrumPattern drums, Instrument snare, BassStyle bass, List<Instrument> basses,
                         CompStyle comp, List<Instrument> comps, Instrument pad, double padChance, LeadStyle lead,
                         List<Instrument> leads, double leadChance, double drive, double brightness, double reverb,
                         double density) {

    /** Drum patterns. */
    public enum DrumPattern {
        /** Kick on every beat, open hat on the off-beats, clap or snare on 2 and 4 (disco). */
        FOUR_ON_THE_FLOOR,
        /** Kick on 1 and 3, snare on 2 and 4, eighth-note hats (rock, pop, country). */
        BACKBEAT,
        /** Triplet-swung hats and kick/snare back-beat (blues). */
        SHUFFLE,
        /** Kick and rimshot together on beat 3 only, off-beat hats (reggae's one drop, the skank's drums). */
        ONE_DROP,
        /** Syncopated kick, snare on 2 and 4, swung sixteenth hats (hip-hop). */
        BOOM_BAP,
        /** Alternating kick and snare sixteenths with cymbals, or double-kick runs (metal). */
        BLAST_BEAT,
        /** Ride "ding ding-a ding", hi-hat pedal on 2 and 4, feathered kick, brush comping (jazz). */
        SWING_RIDE,
        /** No drums (classical). */
        NONE
    }

    /** Bass lines. */
    public enum BassStyle {
        WALKING, BOOGIE, ROOT_FIFTH, OCTAVES, ROOT_EIGHTHS, ROOT_SIXTEENTHS, SYNCOPATED_MELODIC, SUB_808, SUSTAINED_ROOTS
    }

    /** Chord accompaniment. */
    public enum CompStyle {
        SHUFFLE_STABS, JAZZ_COMP, STRUM, OFFBEAT_SKANK, POWER_CHUGS, ROCK_EIGHTHS, ARPEGGIO, FUNK_SIXTEENTHS, SPARSE_KEYS
    }

    /** Lead melodies. */
    public enum LeadStyle {
        BLUES_LICKS, BEBOP, FIDDLE, POP_HOOK, ROCK_SOLO, TREMOLO, CLASSICAL_MELODY, SPARSE_HOOK
    }
}

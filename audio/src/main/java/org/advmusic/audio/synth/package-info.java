/**
 * The embedded synthetic genre set: a deterministic composer writes a {@link org.advmusic.audio.synth.Score}
 * (notes of drums, bass, chords, pads and lead) in the style of one of ten genres named like GTZAN's
 * ({@link org.advmusic.audio.synth.GenreStyles}), a small built-in synthesizer renders it
 * ({@link org.advmusic.audio.synth.BuiltInSynth}), or a General MIDI SoundFont through
 * {@code javax.sound.midi} ({@link org.advmusic.audio.synth.SoundFontSynth}), and
 * {@link org.advmusic.audio.synth.SyntheticGenres} writes the tracks as WAV in the GTZAN layout. Only
 * arithmetic, lookup tables and {@code StrictMath} are used per sample, so a seed gives identical
 * bytes on every machine.
 */
package org.advmusic.audio.synth;

package org.advmusic.audio.synth;

import java.nio.file.Path;
import java.util.List;
import org.advmusic.audio.Parallel;

/**
 * What {@link SyntheticGenres} generates.
 *
 * @param genres         genre names (from {@link GenreStyles#names()})
 * @param tracksPerGenre tracks written per genre
 * @param seconds        length of every track
 * @param sampleRate     Hz
 * @param seed           the set's seed: the same seed gives identical files
 * @param threads        tracks rendered in parallel
 * @param soundFont      a General MIDI SoundFont to render with, or null for the built-in synthesizer
 */
public record SyntheticGenreSettings(List<String> genres, int tracksPerGenre, double seconds, int sampleRate, long seed,
                                     int threads, Path soundFont) {

    public SyntheticGenreSettings {
        genres = List.copyOf(genres);
        genres.forEach(GenreStyles::named);
        if (tracksPerGenre <= 0 || !(seconds > 0) || sampleRate <= 0 || threads <= 0) {
            throw new IllegalArgumentException("synthetic set: need positive tracks per genre, length, rate and threads; got "
                    + tracksPerGenre + ", " + seconds + " s, " + sampleRate + " Hz, " + threads + " threads");
        }
    }

    /** The default set: 10 genres x 30 tracks of 30 s at 22050 Hz, built-in synthesizer, all processors. */
    public static SyntheticGenreSettings defaults(long seed) {
        return new SyntheticGenreSettings(GenreStyles.names(), 30, 30.0, 22050, seed, Parallel.defaultThreads(), null);
    }

    /** These settings with another number of tracks per genre and track length (small sets for tests). */
    public SyntheticGenreSettings withSize(int tracks, double trackSeconds) {
        return new SyntheticGenreSettings(genres, tracks, trackSeconds, sampleRate, seed, threads, soundFont);
    }

    /** These settings with another thread count. */
    public SyntheticGenreSettings withThreads(int count) {
        return new SyntheticGenreSettings(genres, tracksPerGenre, seconds, sampleRate, seed, count, soundFont);
    }

    /** These settings rendering through a SoundFont (null: built-in synthesizer). */
    public SyntheticGenreSettings withSoundFont(Path file) {
        return new SyntheticGenreSettings(genres, tracksPerGenre, seconds, sampleRate, seed, threads, file);
    }
}

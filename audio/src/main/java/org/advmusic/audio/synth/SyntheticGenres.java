package org.advmusic.audio.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.advmusic.audio.Parallel;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavWriter;

/**
 * Generates the synthetic genre set in GTZAN's layout, {@code <root>/genres_original/<genre>/<genre>.000NN.wav}
 * (16-bit mono WAV), so that {@link org.advmusic.audio.data.ClassFolderLoader} reads it like GTZAN.
 * Every track has its own seed derived from the set's seed, genre and index, so the files do not
 * depend on the thread count or order. A {@code synthetic-set.txt} in the root records the settings;
 * generating again with the same settings into a complete folder does nothing.
 */
public final class SyntheticGenres {
    /** The folder under the root that holds the genre folders, as in GTZAN. */
    public static final String GENRES_FOLDER = "genres_original";
    private static final String DESCRIPTION_FILE = "synthetic-set.txt";

    private SyntheticGenres() {
    }

    /**
     * Writes the set (or finds it already written with these settings).
     *
     * @return the folder of genre folders ({@code root/genres_original})
     */
    public static Path generate(Path root, SyntheticGenreSettings settings) throws IOException {
        Path genresFolder = root.resolve(GENRES_FOLDER);
        Path description = root.resolve(DESCRIPTION_FILE);
        String expected = describe(settings);
        List<Path> files = new ArrayList<>();
        List<int[]> jobs = new ArrayList<>(); // (genre index, track index)
        for (int g = 0; g < settings.genres().size(); g++) {
            for (int t = 0; t < settings.tracksPerGenre(); t++) {
                files.add(file(genresFolder, settings.genres().get(g), t));
                jobs.add(new int[] {g, t});
            }
        }
        if (Files.isRegularFile(description) && Files.readString(description, StandardCharsets.UTF_8).equals(expected)
                && files.stream().allMatch(Files::isRegularFile)) {
            return genresFolder;
        }
        Files.deleteIfExists(description);
        Parallel.map(jobs, settings.threads(), job -> {
            String genre = settings.genres().get(job[0]);
            try {
                WavWriter.write(file(genresFolder, genre, job[1]), render(genre, job[1], settings), settings.sampleRate(),
                        WavEncoding.PCM_16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        Files.writeString(description, expected, StandardCharsets.UTF_8);
        return genresFolder;
    }

    /** The score of track {@code index} of {@code genre} under these settings. */
    public static Score compose(String genre, int index, SyntheticGenreSettings settings) {
        return Composer.compose(GenreStyles.named(genre), settings.seconds(),
                new SplittableRandom(trackSeed(settings.seed(), genre, index)));
    }

    /** The samples of track {@code index} of {@code genre} (rendered as {@link #generate} writes them). */
    public static float[] render(String genre, int index, SyntheticGenreSettings settings) throws IOException {
        Score score = compose(genre, index, settings);
        long voiceSeed = trackSeed(settings.seed(), genre, index) ^ 0x5DEECE66DL;
        return settings.soundFont() == null
                ? BuiltInSynth.render(score, settings.sampleRate(), voiceSeed)
                : SoundFontSynth.render(score, settings.sampleRate(), settings.soundFont(), voiceSeed);
    }

    /** {@code <genresFolder>/<genre>/<genre>.000NN.wav}. */
    public static Path file(Path genresFolder, String genre, int index) {
        return genresFolder.resolve(genre).resolve(String.format(Locale.ROOT, "%s.%05d.wav", genre, index));
    }

    private static long trackSeed(long seed, String genre, int index) {
        long h = seed;
        for (char c : genre.toCharArray()) {
            h = h * 31 + c;
        }
        return new SplittableRandom(h * 0x9E3779B97F4A7C15L + index).nextLong();
    }

    private static String describe(SyntheticGenreSettings s) {
        return "advmusic synthetic genre set v1" + System.lineSeparator()
                + "genres=" + String.join(",", s.genres()) + System.lineSeparator()
                + "tracksPerGenre=" + s.tracksPerGenre() + System.lineSeparator()
                + "seconds=" + s.seconds() + System.lineSeparator()
                + "sampleRate=" + s.sampleRate() + System.lineSeparator()
                + "seed=" + s.seed() + System.lineSeparator()
                + "soundFont=" + (s.soundFont() == null ? "built-in" : s.soundFont().toAbsolutePath()) + System.lineSeparator();
    }
}

package org.advmusic.audio.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.advmusic.audio.data.ClassFolderLoader;
import org.advmusic.audio.data.LoadResult;
import org.advmusic.audio.data.SegmentDataset;
import org.advmusic.audio.io.DecodedAudio;
import org.advmusic.audio.io.WavReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGenresTest {
    @TempDir
    Path folder;

    private static SyntheticGenreSettings small(long seed, int threads) {
        return new SyntheticGenreSettings(List.of("jazz", "metal", "reggae"), 2, 2.0, 22050, seed, threads, null);
    }

    @Test
    void sameSeedGivesIdenticalBytesWhateverTheThreadCount() throws IOException {
        Path a = SyntheticGenres.generate(folder.resolve("a"), small(5, 1));
        Path b = SyntheticGenres.generate(folder.resolve("b"), small(5, 2));
        Path c = SyntheticGenres.generate(folder.resolve("c"), small(6, 2));
        for (String genre : List.of("jazz", "metal", "reggae")) {
            for (int t = 0; t < 2; t++) {
                byte[] first = Files.readAllBytes(SyntheticGenres.file(a, genre, t));
                assertArrayEquals(first, Files.readAllBytes(SyntheticGenres.file(b, genre, t)), genre + " track " + t);
                assertFalse(Arrays.equals(first, Files.readAllBytes(SyntheticGenres.file(c, genre, t))),
                        "another seed gives another " + genre + " track");
            }
        }
    }

    @Test
    void writesTheGtzanLayoutOnceAndTheLoaderReadsIt() throws IOException {
        Path root = folder.resolve("set");
        Path genres = SyntheticGenres.generate(root, small(1, 2));
        assertEquals(root.resolve("genres_original"), genres);
        Path first = genres.resolve("jazz/jazz.00000.wav");
        DecodedAudio audio = WavReader.read(first);
        assertEquals(22050f, audio.sampleRate());
        assertEquals(1, audio.channels().length);
        assertEquals("PCM_SIGNED 16 bit", audio.encoding());
        assertEquals(2 * 22050, audio.frames());

        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(first, written);
        SyntheticGenres.generate(root, small(1, 2));
        assertEquals(written, Files.getLastModifiedTime(first), "the same settings find the set complete and write nothing");

        SyntheticGenreSettings longer = small(1, 2).withSize(1, 3.0);
        LoadResult<SegmentDataset> loaded = ClassFolderLoader.defaults().withThreads(2)
                .loadSegments(SyntheticGenres.generate(folder.resolve("longer"), longer).getParent());
        assertEquals(List.of("jazz", "metal", "reggae"), loaded.data().classNames());
        assertEquals(3, loaded.data().size(), "one 3 s segment per 3 s track");
        assertTrue(loaded.report().clean(), loaded.report().toString());
    }

    @Test
    void everyGenreComposesInItsStyleAndRendersToTheMixPeak() {
        SyntheticGenreSettings settings = SyntheticGenreSettings.defaults(3).withSize(1, 4.0);
        for (GenreStyle style : GenreStyles.all()) {
            Score score = SyntheticGenres.compose(style.name(), 0, settings);
            assertTrue(score.beatsPerMinute() >= style.minTempo() && score.beatsPerMinute() <= style.maxTempo(),
                    style.name() + " tempo " + score.beatsPerMinute());
            boolean drums = score.notes().stream().anyMatch(n -> n.instrument().drum());
            assertEquals(style.drums() != GenreStyle.DrumPattern.NONE, drums, style.name() + " drums");
            assertTrue(score.notes().stream().anyMatch(n -> style.basses().contains(n.instrument())), style.name() + " bass");
            float[] audio = BuiltInSynth.render(score, 22050, 1);
            assertEquals(4 * 22050, audio.length);
            double peak = 0;
            for (float x : audio) {
                assertTrue(Float.isFinite(x));
                peak = Math.max(peak, Math.abs(x));
            }
            assertEquals(score.mix().peak(), peak, 0.02, style.name() + ": normalised to the drawn peak (plus hiss)");
        }
    }

    @Test
    void genreNamesAreGtzans() {
        assertEquals(List.of("blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"),
                GenreStyles.names());
    }
}

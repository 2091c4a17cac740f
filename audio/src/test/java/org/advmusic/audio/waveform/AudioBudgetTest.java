package org.advmusic.audio.waveform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.LogMelSegmenter;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.audio.io.WavReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets in dBFS and SNR, the 16-bit grid, and verified writing. */
class AudioBudgetTest {

    @Test
    void peakAndSnrBudgetsConvertToNormsAndBack() {
        assertEquals(0.01, AudioBudget.amplitudeForPeakDbfs(-40), 1e-15);
        assertEquals(-40, AudioBudget.peakDbfs(0.01), 1e-12);
        float[] clean = {0.5f, -0.5f, 0.5f, -0.5f};
        double radius = AudioBudget.l2ForSnr(AudioBudget.l2(clean), 20);
        assertEquals(0.1, radius, 1e-12); // ||x|| = 1, 20 dB -> a tenth
        float[] noise = {0.05f, 0.05f, 0.05f, 0.05f}; // ||delta|| = 0.1
        assertEquals(20, AudioBudget.snrDb(clean, noise), 1e-5);
        assertEquals(20 * Math.log10(0.05 / 0.5), AudioBudget.relativePeakDb(clean, noise), 1e-5);
    }

    @Test
    void badBudgetsAreRefusedWithTheValue() {
        IllegalArgumentException snr = assertThrows(IllegalArgumentException.class, () -> AudioBudget.l2ForSnr(1, 0));
        assertTrue(snr.getMessage().contains("SNR budget 0.0 dB"), snr.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AudioBudget.l2ForSnr(1, -3));
        assertThrows(IllegalArgumentException.class, () -> AudioBudget.l2ForSnr(1, Double.NaN));
        IllegalArgumentException silent = assertThrows(IllegalArgumentException.class, () -> AudioBudget.l2ForSnr(0, 30));
        assertTrue(silent.getMessage().contains("silent"), silent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AudioBudget.amplitudeForPeakDbfs(3));
        assertTrue(Double.isNaN(AudioBudget.snrDb(new float[4], new float[] {0.1f, 0, 0, 0})), "silent track: no SNR");
    }

    @Test
    void theSixteenBitGridSurvivesAWavRoundTripBitForBit(@TempDir Path dir) throws IOException {
        float[] samples = new float[2000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (1.2 * Math.sin(i * 0.37) * Math.cos(i * 0.011)); // some beyond full scale
        }
        float[] grid = Pcm16.quantize(samples);
        VerifiedWav wavs = new VerifiedWav(new LogMelSegmenter(FrontEndSettings.librosaDefaults(), SegmentSettings.defaults()),
                22050);
        Path file = wavs.write(dir.resolve("x.wav"), grid);
        float[] back = WavReader.readMono(file, 22050);
        for (int i = 0; i < grid.length; i++) {
            assertEquals(grid[i], back[i], 0.0, "sample " + i);
            assertEquals(grid[i], Pcm16.quantize(grid[i]), 0.0, "the grid is a fixed point");
        }
    }

    @Test
    void aFileIsOnlyKeptUnderItsNameWhenTheReanalysisAcceptsIt(@TempDir Path dir) throws IOException {
        VerifiedWav wavs = new VerifiedWav(new LogMelSegmenter(FrontEndSettings.librosaDefaults(), SegmentSettings.defaults()),
                22050);
        float[] track = new float[66150];
        for (int i = 0; i < track.length; i++) {
            track[i] = (float) (0.3 * Math.sin(i * 0.05));
        }
        VerifiedWav.Reanalysis kept = wavs.writeIf(dir.resolve("kept.wav"), track, t -> t.segments(), p -> p == 1);
        assertTrue(kept.verified() && Files.isRegularFile(dir.resolve("kept.wav")));
        assertEquals(1, kept.prediction());
        VerifiedWav.Reanalysis refused = wavs.writeIf(dir.resolve("refused.wav"), track, t -> 7, p -> p != 7);
        assertTrue(!refused.verified() && refused.file() == null);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "neither the refused file nor a temporary one is left");
        }
    }
}
